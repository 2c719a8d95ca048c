package dev.pat4j.lifecycle;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Changes to one token made together by {@link TokenService#update}: a new name, new scopes and
 * a new expiry, each {@code null} to leave that part unchanged. Immutable.
 *
 * @param name the new name, checked as {@link NewToken#requireValidName} checks it
 * @param scopes the new scope names (at least one)
 * @param expiresAt the new expiry
 */
public record TokenChanges(@Nullable String name, @Nullable List<String> scopes, @Nullable Instant expiresAt) {
    public TokenChanges {
        if (name != null) {
            NewToken.requireValidName(name);
        }
        if (scopes != null) {
            if (scopes.isEmpty() || scopes.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("a token needs at least one scope");
            }
            scopes = List.copyOf(scopes);
        }
    }

    /** No change at all. */
    public boolean isEmpty() {
        return name == null && scopes == null && expiresAt == null;
    }
}
