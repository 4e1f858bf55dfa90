package org.plenum.server.plugins;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.plenum.api.PluginId;
import org.plenum.pluginhost.lifecycle.PluginHost;
import org.plenum.pluginhost.ui.UiAssets;
import org.plenum.server.http.ProblemErrorHandler;

/**
 * {@code /plugins/{id}/ui/…}: the web client files of running plugins, from the asset directory their
 * descriptor declares, nothing else. Unknown, stopped and disabled plugins answer 404. Every file goes
 * out with {@code nosniff}, a restrictive Content-Security-Policy and a content type by extension.
 * Browsers load these without a token (module imports), so plugin UI files must hold no secrets.
 */
public final class PluginUiServlet extends HttpServlet {

    /** For the plugin's files themselves: they may load their siblings, nothing runs inline, no framing. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private final transient PluginHost host;

    public PluginUiServlet(PluginHost host) {
        this.host = host;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<UiAssets.Asset> asset = find(req.getRequestURI());
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Content-Security-Policy", CSP);
        if (asset.isEmpty()) {
            resp.setStatus(404);
            resp.setContentType("application/problem+json");
            resp.setHeader("Cache-Control", "no-store");
            resp.getOutputStream().write(ProblemErrorHandler.problemBody(404, "no such plugin file"));
            return;
        }
        resp.setStatus(200);
        resp.setContentType(asset.get().contentType());
        // the same URL serves the next version after an update: revalidate every time
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(asset.get().bytes().length);
        resp.getOutputStream().write(asset.get().bytes());
    }

    /** {@code /plugins/<id>/ui/<file>}, undecoded: a percent sign never names a plugin file. */
    private Optional<UiAssets.Asset> find(String requestUri) {
        if (requestUri == null || !requestUri.startsWith("/plugins/") || requestUri.indexOf('%') >= 0) {
            return Optional.empty();
        }
        String rest = requestUri.substring("/plugins/".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !rest.startsWith("ui/", slash + 1)) {
            return Optional.empty();
        }
        PluginId id;
        try {
            id = PluginId.of(rest.substring(0, slash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return host.uiAsset(id, rest.substring(slash + 4));
    }
}
