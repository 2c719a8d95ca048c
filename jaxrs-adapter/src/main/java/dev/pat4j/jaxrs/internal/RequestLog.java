package dev.pat4j.jaxrs.internal;

import jakarta.ws.rs.container.ContainerRequestContext;

/** How a request is named in the log: method and raw (still percent-encoded, so single-line) path. */
final class RequestLog {
    private static final int MAX_PATH = 200;

    private RequestLog() {
    }

    static String describe(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path == null) {
            path = "";
        } else if (path.length() > MAX_PATH) {
            path = path.substring(0, MAX_PATH) + "...";
        }
        return request.getMethod() + " " + path;
    }
}
