package dev.pat4j.web;

import dev.pat4j.validation.TokenPrincipal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who calls the management API, as an {@link ActingUserResolver} found out: the user's name (the
 * owner of the tokens they manage), whether they are an administrator, and, when the request
 * was authenticated by a pat4j token rather than the container's login, that token. A request
 * made with a token is never an administrator's: administrator status comes from the
 * application's own login only. Immutable.
 *
 * @param name the user's name, as tokens record their owner
 * @param administrator whether the user may manage everyone's tokens
 * @param token the token that authenticated the request, or null for the container's login
 */
public record ActingUser(String name, boolean administrator, @Nullable TokenPrincipal token) {
    public ActingUser {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (token != null && administrator) {
            throw new IllegalArgumentException("a request made with a token is never an administrator's");
        }
        if (token != null && !token.owner().equals(name)) {
            throw new IllegalArgumentException("a token acts for its owner only");
        }
    }

    /** A user signed in through the application's (the container's) login. */
    public static ActingUser signedIn(String name, boolean administrator) {
        return new ActingUser(name, administrator, null);
    }

    /** The owner of the token that authenticated the request; never an administrator. */
    public static ActingUser viaToken(TokenPrincipal token) {
        return new ActingUser(token.owner(), false, token);
    }

    /**
     * Whether the request came with the browser's ambient credentials (the container's session
     * or login), which a cross-site page can make it send: such calls need the CSRF token.
     */
    public boolean ambient() {
        return token == null;
    }
}
