package dev.pat4j.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The path a request is judged by: servlet path plus path info, which the container has
 * already percent-decoded, stripped of {@code ;parameters} and resolved of dot segments, and
 * which excludes the context path. Repeated and trailing slashes are collapsed. A path that
 * still holds something a later layer might decode or normalize differently ({@code .} or
 * {@code ..} segments, {@code ;}, {@code %}, {@code \}, control characters) is not canonical,
 * and requests for it are denied rather than guessed at.
 */
public final class CanonicalPath {
    private CanonicalPath() {
    }

    /** The servlet path plus path info of {@code request}, as the container decoded them. */
    public static String of(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** The segments of a decoded path, or null if the path is not canonical. */
    public static List<String> segments(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    String segment = path.substring(start, i);
                    if (segment.equals(".") || segment.equals("..")) {
                        return null;
                    }
                    segments.add(segment);
                }
                start = i + 1;
            } else if (unsafe(path.charAt(i))) {
                return null;
            }
        }
        return segments;
    }

    private static boolean unsafe(char c) {
        return c < ' ' || c == 0x7F || c == ';' || c == '%' || c == '\\';
    }
}
