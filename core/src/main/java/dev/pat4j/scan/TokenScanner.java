package dev.pat4j.scan;

import dev.pat4j.internal.TokenCodec;
import dev.pat4j.token.TokenFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds tokens of one prefix in arbitrary text (source files, logs) by their exact shape and
 * checksum, so look-alikes are not reported. Immutable and thread-safe.
 */
public final class TokenScanner {
    private final TokenCodec codec;
    private final String marker;

    private TokenScanner(TokenFormat format) {
        this.codec = new TokenCodec(format.prefix());
        this.marker = format.prefix() + "_";
    }

    /** A scanner for tokens of {@code format}. */
    public static TokenScanner forFormat(TokenFormat format) {
        return new TokenScanner(format);
    }

    /** Every token in {@code text}, in order of appearance. */
    public List<TokenMatch> scan(CharSequence text) {
        String s = text.toString();
        List<TokenMatch> found = new ArrayList<>();
        TokenCodec.Scratch scratch = new TokenCodec.Scratch();
        int line = 1;
        int lineStart = 0;
        int counted = 0;
        int at = s.indexOf(marker);
        while (at >= 0) {
            int end = at + codec.tokenLength();
            if (end <= s.length() && isBoundary(s, at - 1) && isBoundary(s, end)
                    && codec.check(s, at, end, scratch) == TokenCodec.OK) {
                for (; counted < at; counted++) {
                    if (s.charAt(counted) == '\n') {
                        line++;
                        lineStart = counted + 1;
                    }
                }
                found.add(new TokenMatch(at, line, at - lineStart + 1, codec.id(s, at), s.substring(at, end)));
                at = s.indexOf(marker, end);
            } else {
                at = s.indexOf(marker, at + 1);
            }
        }
        return found;
    }

    /** A token must not be glued to more token-like characters on either side. */
    private static boolean isBoundary(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return true;
        }
        char c = s.charAt(i);
        return !(c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }
}
