package dev.pat4j.lifecycle;

/**
 * The token's state forbids the call: a revoked or expired token cannot be extended or re-scoped, and a
 * revoked one cannot be renamed.
 * Immutable.
 */
public final class TokenStateException extends TokenException {
    private final TokenState state;

    public TokenStateException(String tokenId, TokenState state) {
        super("token " + tokenId + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
        this.state = state;
    }

    public TokenState state() {
        return state;
    }
}
