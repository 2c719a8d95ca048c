package dev.pat4j.lifecycle;

import dev.pat4j.scope.ScopeSet;
import java.time.Instant;

/**
 * What can be known about a token without its secret: identity, owner, organization
 * ({@code null} for all organizations), scopes, dates and state as of when it was read.
 */
public record TokenInfo(String id, String owner, String name, String organization, ScopeSet scopes,
                        Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt,
                        String revokedBy, Instant lastUsedAt, TokenState state) {

    /** Whether the token acts in every organization. */
    public boolean allOrganizations() {
        return organization == null;
    }
}
