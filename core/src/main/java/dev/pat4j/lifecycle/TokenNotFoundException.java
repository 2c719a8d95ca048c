package dev.pat4j.lifecycle;

import java.util.regex.Pattern;

/**
 * No token has the given id.
 * Immutable.
 */
public final class TokenNotFoundException extends TokenException {
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9A-Za-z]{12}");

    private final String tokenId;

    public TokenNotFoundException(String tokenId) {
        super("no token with id " + printable(tokenId));
        this.tokenId = tokenId;
    }

    /** The id as the caller gave it; the message shows it only when it has the shape of a token id. */
    public String tokenId() {
        return tokenId;
    }

    /**
     * Echoes only what looks like an id (12 base62 characters): a caller who passes the whole
     * token where its id belongs must not find the secret in the message, and so in a log.
     */
    private static String printable(String id) {
        return id != null && TOKEN_ID.matcher(id).matches() ? id : "<not a token id>";
    }
}
