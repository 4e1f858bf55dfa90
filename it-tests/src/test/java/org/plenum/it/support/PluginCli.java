package org.plenum.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/plenum plugin …} of the built distribution, run as a process against a running server, as an operator would. */
public final class PluginCli {

    /** What the command printed, and its exit code. */
    public record Result(int exitCode, String output) {
    }

    private final Path script;
    private final URI server;
    private final String adminPassword;

    public PluginCli(Path distribution, URI server, String adminPassword) {
        this.script = distribution.resolve("bin/plenum");
        this.server = server;
        this.adminPassword = adminPassword;
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no Plenum distribution at " + script + "; build it first (./mvnw package -pl distribution -am)");
        }
    }

    /** Runs {@code bin/plenum plugin <args>} in the distribution's folder (so relative jar paths are the distribution's). */
    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString(), "plugin"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(script.getParent().getParent().toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PLENUM_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PLENUM_URL", server.toString());
        env.put("PLENUM_ADMIN_PASSWORD", adminPassword);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/plenum plugin " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
