package dev.pat4j.lifecycle;

import dev.pat4j.scope.ScopeSet;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What can be known about a token without its secret: identity, owner, organization
 * ({@code null} for all organizations), scopes, dates and state as of when it was read, who
 * created it ({@code createdBy}, the acting user) and through which tool ({@code createdVia},
 * null when none was named). Revocation fields are null until revoked, the last-used time until
 * first used. The scopes are the token's own: at validation they are narrowed to what its owner
 * holds then (see {@link dev.pat4j.owner.OwnerDirectory}). Immutable.
 */
public record TokenInfo(String id, String owner, String name, @Nullable String organization, ScopeSet scopes,
                        Instant createdAt, String createdBy, @Nullable String createdVia, Instant expiresAt,
                        @Nullable Instant revokedAt, @Nullable String revokedBy, @Nullable Instant lastUsedAt,
                        TokenState state) {

    /** Whether the token acts in every organization. */
    public boolean allOrganizations() {
        return organization == null;
    }
}
