package org.plenum.it.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.plenum.core.config.Settings;
import org.plenum.server.PlenumServer;

/** {@link PlenumServer} inside the test JVM, with the same settings the distribution would get. */
final class InProcessServer implements ServerUnderTest {

    private final PlenumServer server;

    private InProcessServer(PlenumServer server) {
        this.server = server;
    }

    static InProcessServer start(Map<String, String> settings, Path workDir) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("http.host", "127.0.0.1");
        all.put("http.port", "0");
        all.put("data.dir", workDir.resolve("data").toString());
        all.putIfAbsent("media.udp.port", "0");
        all.putIfAbsent("media.tcp.port", "0");
        try {
            return new InProcessServer(PlenumServer.start(Settings.of(all)));
        } catch (Exception e) {
            throw new IllegalStateException("Plenum did not start in-process: " + e.getMessage(), e);
        }
    }

    @Override
    public URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
