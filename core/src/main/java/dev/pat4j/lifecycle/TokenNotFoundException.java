package dev.pat4j.lifecycle;

/** No token has the given id. */
public final class TokenNotFoundException extends TokenException {
    private final String tokenId;

    public TokenNotFoundException(String tokenId) {
        super("no token with id " + tokenId);
        this.tokenId = tokenId;
    }

    public String tokenId() {
        return tokenId;
    }
}
