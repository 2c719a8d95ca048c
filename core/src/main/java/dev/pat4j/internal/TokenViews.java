package dev.pat4j.internal;

import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.store.StoredToken;
import dev.pat4j.validation.TokenPrincipal;
import java.time.Instant;

/** Turns stored tokens into the public views: {@link TokenInfo} and {@link TokenPrincipal}. */
public final class TokenViews {
    private final ScopeCatalog catalog;

    public TokenViews(ScopeCatalog catalog) {
        this.catalog = catalog;
    }

    TokenInfo info(StoredToken t, Instant now) {
        return new TokenInfo(t.id(), t.owner(), t.name(), t.organization(),
                Scopes.fromStore(catalog, t.id(), t.scopes()), t.createdAt(), t.createdBy(), t.expiresAt(),
                t.revokedAt(), t.revokedBy(), t.lastUsedAt(), state(t, now));
    }

    TokenPrincipal principal(StoredToken t) {
        return new TokenPrincipal(t.id(), t.owner(), t.organization(),
                Scopes.fromStore(catalog, t.id(), t.scopes()), t.expiresAt());
    }

    static TokenState state(StoredToken t, Instant now) {
        if (t.revoked()) {
            return TokenState.REVOKED;
        }
        return now.isBefore(t.expiresAt()) ? TokenState.ACTIVE : TokenState.EXPIRED;
    }
}
