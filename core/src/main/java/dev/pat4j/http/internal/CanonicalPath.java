package dev.pat4j.http.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Which request paths pat4j judges, and how. Two checks, because an adapter sees two paths:
 * the <em>raw</em> path as the client sent it (still percent-encoded) and the <em>decoded</em>
 * path below the application root that its container routes by. A raw path that holds a
 * {@code .} or {@code ..} segment (literal or encoded), an empty segment other than a trailing
 * slash, an encoded {@code /}, {@code \}, {@code %} or {@code ;}, a {@code ;} or {@code \}
 * itself, a control character or a broken escape can be read differently by different layers
 * (container, framework, proxy), so it is refused rather than guessed at. Once the raw path is
 * canonical, decoding it is unambiguous, and the decoded path's segments are what the rules
 * match. Stateless; thread-safe.
 */
public final class CanonicalPath {
    private CanonicalPath() {
    }

    /** Whether the raw (percent-encoded) request path is one that every layer reads the same way. */
    public static boolean isCanonicalRaw(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return false;
        }
        StringBuilder segment = new StringBuilder();
        for (int i = 1; i <= raw.length(); i++) {
            if (i == raw.length() || raw.charAt(i) == '/') {
                String s = segment.toString();
                if (s.isEmpty() && i < raw.length()) {
                    return false; // "//": an empty segment that some layers merge and others keep
                }
                if (s.equals(".") || s.equals("..")) {
                    return false;
                }
                segment.setLength(0);
                continue;
            }
            char c = raw.charAt(i);
            if (c == '%') {
                int decoded = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)) : -1;
                if (decoded < 0 || unsafe((char) decoded) || decoded == '/' || decoded == '.') {
                    return false; // broken escape, or one that hides a separator, a dot or another escape
                }
                segment.append((char) decoded);
                i += 2;
            } else if (unsafe(c) || c > 0x7E) {
                return false;
            } else {
                segment.append(c);
            }
        }
        return true;
    }

    /**
     * The segments of a decoded path (below the application root), repeated and trailing
     * slashes ignored; null if the path is not canonical.
     */
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

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1_000;
    }

    private static boolean unsafe(char c) {
        return c < ' ' || c == 0x7F || c == ';' || c == '%' || c == '\\';
    }
}
