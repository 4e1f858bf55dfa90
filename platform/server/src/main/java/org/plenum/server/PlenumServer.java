package org.plenum.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.servlet.ServletContainer;
import org.plenum.core.PlatformCore;
import org.plenum.pluginhost.lifecycle.CodeLoader;
import org.plenum.pluginhost.lifecycle.PluginHost;
import org.plenum.server.plugins.PluginLoaders;
import org.plenum.server.plugins.PluginUiServlet;
import org.plenum.server.plugins.UploadSizeLimits;
import org.plenum.core.config.Settings;
import org.plenum.server.http.HealthServlet;
import org.plenum.server.http.ProblemErrorHandler;
import org.plenum.server.http.TlsContexts;
import org.plenum.server.metrics.Metrics;
import org.plenum.server.metrics.MetricsServlet;
import org.plenum.server.metrics.HttpMetricsHandler;
import org.plenum.server.rest.ApiApplication;
import org.plenum.server.signaling.SignalingEndpoint;
import org.plenum.server.web.WebClientConfig;
import org.plenum.server.web.WebClientServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server: the core, and Jetty around it with REST, signaling, health and metrics.
 * Started and stopped as one unit, in order (core first up, last down).
 */
public final class PlenumServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlenumServer.class);

    private final PrometheusMeterRegistry metrics;
    private final PlatformCore core;
    private final Server jetty;
    private final ServerConnector connector;
    private final HttpConfig http;
    private final PluginHost plugins;

    private PlenumServer(Settings settings, CodeLoader loader) throws Exception {
        this.http = HttpConfig.from(settings);
        this.metrics = Metrics.create();
        this.core = PlatformCore.start(settings, metrics);
        PluginHost host = null;
        try {
            host = PluginHost.start(core, settings, metrics, loader);
            this.plugins = host;
            core.signaling.useModules(host);
            host.onChange(core.signaling::pluginsChanged);
            // the rooms' core events go to the plugins; the plugins reach live rooms through the signaling core
            core.signaling.useCoreEvents(host::publish);
            host.useLiveRooms(new org.plenum.pluginhost.context.SignalingLiveRooms(core.signaling));
            QueuedThreadPool threads = new QueuedThreadPool(200, 8);
            threads.setName("http");
            threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            this.jetty = new Server(threads);
            this.connector = connector(jetty, http);
            jetty.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            context.setContextPath("/");
            WebClientConfig webClient = WebClientConfig.from(settings);
            context.addServlet(new ServletHolder("api", new ServletContainer(new ApiApplication(core, plugins, webClient))), "/api/v1/*");
            context.addServlet(new ServletHolder("plugin-ui", new PluginUiServlet(plugins)), "/plugins/*");
            HealthServlet health = new HealthServlet(core.database::isReachable);
            context.addServlet(new ServletHolder("healthz", health), "/healthz");
            context.addServlet(new ServletHolder("readyz", health), "/readyz");
            context.addServlet(new ServletHolder("metrics", new MetricsServlet(metrics)), "/metrics");
            SignalingEndpoint.mount(context, core.signaling);
            // the browser client: everything no other mapping claims (the servlet refuses the server's own areas)
            WebClientServlet web = new WebClientServlet(webClient);
            context.addServlet(new ServletHolder("web-client", web), "/");
            if (!web.installed()) {
                log.warn("the web client is not installed (no plenum-web-ui jar on the class path): / answers 404");
            }

            // plugin jar uploads get their own, larger limit; every other request keeps http.max.request.bytes
            HttpMetricsHandler app = new HttpMetricsHandler(metrics, context);
            SizeLimitHandler normalLimit = new SizeLimitHandler(http.maxRequestBytes(), -1);
            normalLimit.setHandler(app);
            SizeLimitHandler uploadLimit = new SizeLimitHandler(Math.max(http.maxRequestBytes(), plugins.config().maxUploadBytes()), -1);
            uploadLimit.setHandler(new UploadSizeLimits(normalLimit, app));
            jetty.setHandler(uploadLimit);
            jetty.setErrorHandler(new ProblemErrorHandler());
            context.setErrorHandler(new ProblemErrorHandler());
            jetty.setStopAtShutdown(false);
            jetty.start();
        } catch (Exception e) {
            if (host != null) {
                host.close();
            }
            core.close();
            throw e;
        }
        log.atInfo().setMessage("server started").addKeyValue("url", url()).log();
    }

    public static PlenumServer start(Settings settings) throws Exception {
        return new PlenumServer(settings, PluginLoaders.fromSettings(settings));
    }

    /** With a given plugin loader (tests load plugins from their class path). */
    public static PlenumServer start(Settings settings, CodeLoader loader) throws Exception {
        return new PlenumServer(settings, loader);
    }

    private static ServerConnector connector(Server jetty, HttpConfig http) {
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        ServerConnector c;
        if (http.tls()) {
            hc.addCustomizer(new SecureRequestCustomizer());
            c = new ServerConnector(jetty, new SslConnectionFactory(TlsContexts.from(http), "http/1.1"), new HttpConnectionFactory(hc));
        } else {
            c = new ServerConnector(jetty, new HttpConnectionFactory(hc));
        }
        c.setHost(http.host());
        c.setPort(http.port());
        return c;
    }

    public PlatformCore core() {
        return core;
    }

    public PluginHost plugins() {
        return plugins;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The address clients use: {@code http.public.url} if set, otherwise the listening socket. */
    public URI url() {
        if (!http.publicUrl().isBlank()) {
            return URI.create(http.publicUrl());
        }
        String host = http.host().contains(":") ? "[" + http.host() + "]" : http.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return URI.create((http.tls() ? "https" : "http") + "://" + host + ":" + port() + "/");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(http.host(), port());
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("http server did not stop cleanly: {}", e.toString());
        }
        plugins.close();
        core.close();
        metrics.close();
        log.info("server stopped");
    }
}
