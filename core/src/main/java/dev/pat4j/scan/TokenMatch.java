package dev.pat4j.scan;

/**
 * A token found in text: where (offset, 1-based line and column) and which id. The full text
 * is available to revoke it ({@link dev.pat4j.lifecycle.TokenService#revokeLeaked}) but is
 * never part of {@code toString()}.
 * Immutable.
 */
public final class TokenMatch {
    private final int offset;
    private final int line;
    private final int column;
    private final String tokenId;
    private final String token;

    TokenMatch(int offset, int line, int column, String tokenId, String token) {
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.tokenId = tokenId;
        this.token = token;
    }

    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String tokenId() {
        return tokenId;
    }

    /** The full token text, secret included: pass it to revocation, never print it. */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "TokenMatch[line=" + line + ", column=" + column + ", tokenId=" + tokenId + "]";
    }
}
