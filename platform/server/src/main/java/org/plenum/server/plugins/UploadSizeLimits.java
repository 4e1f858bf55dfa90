package org.plenum.server.plugins;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Two request size limits: plugin jar uploads ({@code POST /api/v1/admin/plugins},
 * {@code PUT /api/v1/admin/plugins/{id}}) may be as large as {@code plugins.max.upload.bytes}; every
 * other request keeps {@code http.max.request.bytes}. Sits inside a {@link SizeLimitHandler} with the
 * upload limit and sends everything but uploads through a second one with the normal limit.
 */
public final class UploadSizeLimits extends Handler.Wrapper {

    private static final String UPLOADS = "/api/v1/admin/plugins";

    private final Handler target;

    /**
     * @param normalLimit the inner limit, already wrapping {@code target}
     * @param target      the application
     */
    public UploadSizeLimits(SizeLimitHandler normalLimit, Handler target) {
        super(normalLimit);
        this.target = target;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (isUpload(request.getMethod(), request.getHttpURI().getPath())) {
            return target.handle(request, response, callback);
        }
        return super.handle(request, response, callback);
    }

    static boolean isUpload(String method, String path) {
        if (path == null || !path.startsWith(UPLOADS)) {
            return false;
        }
        String rest = path.substring(UPLOADS.length());
        return ("POST".equals(method) && (rest.isEmpty() || rest.equals("/")))
                || ("PUT".equals(method) && rest.matches("/[^/]+"));
    }
}
