package dev.pat4j.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled path pattern of {@link dev.pat4j.http.AccessRules}: literal segments, {@code *}
 * for exactly one segment, and a trailing {@code *} for "this path and everything below it".
 * Patterns compare by specificity so that the most specific matching rule decides.
 */
public final class PathPattern {
    private static final String WILDCARD = "*";
    private static final int LITERAL = 3;
    private static final int ONE_SEGMENT = 2;
    private static final int END = 2;
    private static final int SUBTREE = 1;

    private final String text;
    private final List<String> segments; // without the trailing subtree marker
    private final boolean subtree;

    private PathPattern(String text, List<String> segments, boolean subtree) {
        this.text = text;
        this.segments = segments;
        this.subtree = subtree;
    }

    /**
     * Compiles a pattern such as {@code /health}, {@code /api/repos/*} or {@code /orgs/*}{@code /repos}.
     *
     * @throws IllegalArgumentException naming what is wrong with the pattern
     */
    public static PathPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("path pattern '" + pattern + "' must start with '/'");
        }
        if (pattern.equals("/")) {
            return new PathPattern(pattern, List.of(), false);
        }
        if (pattern.endsWith("/")) {
            throw new IllegalArgumentException("path pattern '" + pattern + "' must not end with '/'");
        }
        String[] parts = pattern.substring(1).split("/", -1);
        List<String> segments = new ArrayList<>(parts.length);
        for (String part : parts) {
            checkSegment(pattern, part);
            segments.add(part);
        }
        boolean subtree = WILDCARD.equals(segments.get(segments.size() - 1));
        if (subtree) {
            segments.remove(segments.size() - 1);
        }
        return new PathPattern(pattern, List.copyOf(segments), subtree);
    }

    private static void checkSegment(String pattern, String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("path pattern '" + pattern + "' has an empty segment");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("path pattern '" + pattern + "' has a dot segment");
        }
        if (!segment.equals(WILDCARD) && segment.indexOf('*') >= 0) {
            throw new IllegalArgumentException("path pattern '" + pattern
                    + "': '*' must be a whole segment ('/a/*', not '/a*')");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c <= ' ' || c == 0x7F || c == ';' || c == '%' || c == '\\' || c == '?' || c == '#') {
                throw new IllegalArgumentException("path pattern '" + pattern
                        + "' holds a character that never appears in a canonical path: " + describe(c));
            }
        }
    }

    private static String describe(char c) {
        return c > ' ' && c != 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** Whether the canonical {@code path} (see {@link CanonicalPath}) matches. */
    public boolean matches(List<String> path) {
        if (subtree ? path.size() < segments.size() : path.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (!WILDCARD.equals(s) && !s.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Orders two patterns that both match one path: positive if this one is more specific.
     * Segment by segment from the left, a literal beats {@code *}, which beats a trailing
     * {@code *} (the whole subtree); so {@code /a/b/*} beats {@code /a/*}{@code /c} and
     * {@code /a} beats {@code /a/*}.
     */
    public int compareSpecificity(PathPattern other) {
        int n = Math.max(segments.size(), other.segments.size()) + 1;
        for (int i = 0; i < n; i++) {
            int cmp = Integer.compare(rankAt(i), other.rankAt(i));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private int rankAt(int i) {
        if (i < segments.size()) {
            return WILDCARD.equals(segments.get(i)) ? ONE_SEGMENT : LITERAL;
        }
        return subtree ? SUBTREE : END;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
