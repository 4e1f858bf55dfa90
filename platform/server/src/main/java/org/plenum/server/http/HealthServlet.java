package org.plenum.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: the process answers (liveness). {@code /readyz}: the database answers too, so a
 * load balancer sends no traffic to a node that cannot serve it.
 */
public final class HealthServlet extends HttpServlet {

    private final transient BooleanSupplier ready;

    public HealthServlet(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean readiness = req.getServletPath().equals("/readyz");
        boolean ok = !readiness || ready.getAsBoolean();
        resp.setStatus(ok ? 200 : 503);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        String check = readiness ? ",\"database\":\"" + (ok ? "up" : "down") + "\"" : "";
        resp.getWriter().write("{\"status\":\"" + (ok ? "ok" : "unavailable") + "\"" + check + "}");
    }
}
