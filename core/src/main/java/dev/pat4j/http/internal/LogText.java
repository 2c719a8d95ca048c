package dev.pat4j.http.internal;

/**
 * Makes request text safe to log: control characters (log forging) and long opaque runs of
 * letters and digits (a token pasted into a URL) are masked, and length is bounded. Every
 * adapter passes request text through it before it reaches a log line. Stateless; thread-safe.
 */
public final class LogText {
    private static final int MAX = 200;
    private static final int OPAQUE_RUN = 24;

    private LogText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "-";
        }
        int n = Math.min(text.length(), MAX);
        StringBuilder out = new StringBuilder(n + 16);
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean opaque = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            run = opaque ? run + 1 : 0;
            out.append(c < ' ' || c == 0x7F ? '?' : c);
            if (run == OPAQUE_RUN) {
                out.setLength(out.length() - OPAQUE_RUN);
                out.append("<masked>");
            } else if (run > OPAQUE_RUN) {
                out.setLength(out.length() - 1);
            }
        }
        if (text.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
