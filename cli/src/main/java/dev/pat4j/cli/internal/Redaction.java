package dev.pat4j.cli.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Keeps secrets out of what the CLI prints: anything shaped like a token, of any prefix (even
 * with a typo, so a checksum test would not catch it), is cut down to its prefix and public id,
 * and so is a long run of base62 characters (a token pasted without its prefix); messages are
 * folded onto one line.
 */
public final class Redaction {
    // prefix_ + 12-character id, then at least 20 more base62 characters: the secret part
    private static final Pattern TOKEN_LIKE = Pattern.compile("\\b([a-z][a-z0-9]{1,15}_[0-9A-Za-z]{12})[0-9A-Za-z]{20,}");
    // id + secret (+ checksum) without the prefix: a run of 44 to 50 base62 characters
    private static final Pattern BARE_SECRET = Pattern.compile("(?<![0-9A-Za-z])([0-9A-Za-z]{12})[0-9A-Za-z]{32,38}(?![0-9A-Za-z])");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private Redaction() {
    }

    /** The text on one line with token secrets replaced by an ellipsis; "" for null. */
    public static String oneLine(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String folded = LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
        String tokens = TOKEN_LIKE.matcher(folded).replaceAll("$1…");
        return BARE_SECRET.matcher(tokens).replaceAll("$1…");
    }

    /** Whether {@code text} holds something shaped like a token (or its secret). */
    public static boolean looksLikeAToken(@Nullable String text) {
        return text != null && !oneLine(text).equals(LINE_BREAKS.matcher(text.strip()).replaceAll(" "));
    }

    /**
     * Refuses, as bad usage and without repeating it, a value that holds a token: a name, owner or
     * organization so shaped would be stored and printed by every later listing.
     */
    static void refuseTokenShaped(CommandSpec spec, String option, @Nullable String value) {
        if (looksLikeAToken(value)) {
            throw new ParameterException(spec.commandLine(), option + " holds something shaped like a token; a"
                    + " token's secret is never stored or shown, so pass a name instead");
        }
    }
}
