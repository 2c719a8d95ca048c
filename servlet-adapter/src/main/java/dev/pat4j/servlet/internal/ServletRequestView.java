package dev.pat4j.servlet.internal;

import dev.pat4j.http.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * A servlet request as {@link dev.pat4j.http.RequestGate} sees it: the raw path is the request
 * URI as sent, the path is servlet path plus path info (below the context path, as the
 * container decoded it). For one request on one thread.
 */
public record ServletRequestView(HttpServletRequest request) implements RequestView {

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
        return pathOf(request);
    }

    /** Servlet path plus path info, {@code /} when both are empty. */
    public static String pathOf(HttpServletRequest request) {
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
    public String remoteAddress() {
        return request.getRemoteAddr();
    }
}
