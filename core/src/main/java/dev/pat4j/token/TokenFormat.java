package dev.pat4j.token;

import dev.pat4j.internal.TokenCodec;

/**
 * The shape of a token, {@code <prefix>_<id><secret><checksum>} in base62: a 12-character
 * public id, a 32-character secret and a 6-character CRC32 checksum. The prefix lets secret
 * scanners recognise the issuer. Immutable and thread-safe.
 */
public final class TokenFormat {
    /** The prefix used unless another is configured. */
    public static final String DEFAULT_PREFIX = "pat";

    private final TokenCodec codec;

    private TokenFormat(String prefix) {
        this.codec = new TokenCodec(prefix);
    }

    /**
     * The format for a prefix of the form {@code [a-z][a-z0-9]{1,15}}.
     *
     * @throws IllegalArgumentException if the prefix is not of that form
     */
    public static TokenFormat withPrefix(String prefix) {
        return new TokenFormat(prefix);
    }

    /** The format with the default prefix {@code pat}. */
    public static TokenFormat standard() {
        return new TokenFormat(DEFAULT_PREFIX);
    }

    public String prefix() {
        return codec.prefix();
    }

    /** The length of every token of this format. */
    public int tokenLength() {
        return codec.tokenLength();
    }

    /** Whether {@code text} is exactly one token of this format with a correct checksum. */
    public boolean isWellFormed(CharSequence text) {
        return text != null && text.length() == codec.tokenLength()
                && codec.check(text, 0) == TokenCodec.OK;
    }

    /**
     * The public id of a well-formed token.
     *
     * @throws IllegalArgumentException if the token is not well formed (the message never holds it)
     */
    public String idOf(CharSequence token) {
        if (!isWellFormed(token)) {
            throw new IllegalArgumentException("not a well-formed " + prefix() + " token");
        }
        return codec.id(token, 0);
    }

    @Override
    public String toString() {
        return "TokenFormat[" + prefix() + "_…]";
    }
}
