package dev.pat4j.lifecycle;

/**
 * The result of {@link TokenService#create}: the new token's details and the token itself,
 * which pat4j never stores and never shows again. {@code toString()} leaves the token out.
 * Immutable.
 */
public record IssuedToken(TokenInfo info, String token) {
    @Override
    public String toString() {
        return "IssuedToken[info=" + info + ", token=<shown once, redacted>]";
    }
}
