package dev.pat4j.spring.security.internal;

import dev.pat4j.http.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A servlet request as core's gate reads it: the raw path is the request URI as sent, the path
 * the servlet path plus path info (below the context path, as the container decoded it). For
 * one request on one thread.
 */
public record HttpRequestView(HttpServletRequest request) implements RequestView {

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getRequestURI();
    }

    @Override
    public String path() {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null) { // a container may refuse to enumerate; then it offers one value at most
            String single = request.getHeader(name);
            return single == null ? List.of() : List.of(single);
        }
        List<String> out = new ArrayList<>(1);
        while (values.hasMoreElements()) {
            out.add(values.nextElement());
        }
        return out;
    }

    @Override
    public @Nullable String remoteAddress() {
        return request.getRemoteAddr();
    }
}
