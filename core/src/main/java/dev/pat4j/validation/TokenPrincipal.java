package dev.pat4j.validation;

import dev.pat4j.scope.ScopeSet;
import java.security.Principal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated identity behind a valid token: the owner acting through token
 * {@code tokenId}, in {@code organization} ({@code null} for all organizations), narrowed to
 * {@code scopes}. Its name is the owner. Immutable.
 */
public record TokenPrincipal(String tokenId, String owner, @Nullable String organization, ScopeSet scopes,
                             Instant expiresAt) implements Principal {

    @Override
    public String getName() {
        return owner;
    }

    /** Whether the token grants {@code scope}, directly or through implication. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether the token acts in every organization. */
    public boolean allOrganizations() {
        return organization == null;
    }
}
