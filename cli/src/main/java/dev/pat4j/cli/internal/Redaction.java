package dev.pat4j.cli.internal;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of error lines: anything shaped like a token (even with a typo, so a
 * checksum test would not catch it) is cut down to its prefix and public id, and the message is
 * folded onto one line.
 */
public final class Redaction {
    // prefix_ + 12-character id, then at least 20 more base62 characters: the secret part
    private static final Pattern TOKEN_LIKE = Pattern.compile("\\b([a-z][a-z0-9]{1,15}_[0-9A-Za-z]{12})[0-9A-Za-z]{20,}");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private Redaction() {
    }

    /** The text on one line with token secrets replaced by an ellipsis; "" for null. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String folded = LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
        return TOKEN_LIKE.matcher(folded).replaceAll("$1…");
    }
}
