package org.plenum.server;

import java.nio.file.Path;
import org.plenum.core.config.Settings;
import org.plenum.core.bootstrap.Bootstrap;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts Plenum: reads {@code conf/plenum.properties} below {@code plenum.home} (default: the working
 * directory), applies {@code PLENUM_*} environment overrides and runs until stopped.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path home = Path.of(System.getProperty("plenum.home", "."));
        Settings settings = Settings.load(home.resolve("conf").resolve("plenum.properties"), System.getenv());
        PlenumServer server = PlenumServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        printWelcome(server);
    }

    /** Printed to the console, not the log: the one-time admin password must not end up in log files. */
    private static void printWelcome(PlenumServer server) {
        Bootstrap.Outcome b = server.core().bootstrap;
        StringBuilder sb = new StringBuilder();
        sb.append("\nPlenum is running at ").append(server.url()).append('\n');
        sb.append("  Browser:   ").append(server.url()).append("  (log in as admin, create a room, join it)\n");
        sb.append("  REST API:  ").append(server.url()).append("api/v1/  (OpenAPI: api/v1/openapi.json)\n");
        sb.append("  Log in:    POST ").append(server.url()).append("api/v1/auth/login  {\"username\":\"admin\",\"password\":…}\n");
        if (b.generatedAdminPassword().isPresent()) {
            sb.append("  Admin password (shown once, change it or set PLENUM_ADMIN_PASSWORD): ")
                    .append(b.generatedAdminPassword().get()).append('\n');
        } else if (b.adminCreated()) {
            sb.append("  User 'admin' was created with the password from PLENUM_ADMIN_PASSWORD.\n");
        } else {
            sb.append("  User 'admin' exists already (password as set on first start).\n");
        }
        System.out.println(sb);
        System.out.flush();
    }
}
