package dev.pat4j.internal;

import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeSet;
import dev.pat4j.store.StoredToken;
import dev.pat4j.validation.TokenPrincipal;
import java.time.Instant;

/** Turns stored tokens into the public views: {@link TokenInfo} and {@link TokenPrincipal}. */
public final class TokenViews {
    private final ScopeCatalog catalog;
    private final Interner shared = new Interner(4096);

    public TokenViews(ScopeCatalog catalog) {
        this.catalog = catalog;
    }

    TokenInfo info(StoredToken t, Instant now) {
        return new TokenInfo(t.id(), t.owner(), t.name(), t.organization(),
                Scopes.fromStore(catalog, t.id(), t.scopes()), t.createdAt(), t.createdBy(), t.createdVia(),
                t.expiresAt(), t.revokedAt(), t.revokedBy(), t.lastUsedAt(), state(t, now));
    }

    /**
     * The principal of a token, for the validation cache: organizations and scope sets are shared
     * among principals, as most tokens repeat a few of each.
     */
    TokenPrincipal principal(StoredToken t) {
        return principal(t, null);
    }

    /**
     * The principal of a token whose owner holds {@code held} (null: every scope): it grants the
     * token's scopes that its owner holds, and no other.
     */
    TokenPrincipal principal(StoredToken t, ScopeSet held) {
        ScopeSet own = Scopes.fromStore(catalog, t.id(), t.scopes());
        return new TokenPrincipal(t.id(), t.owner(), shared.intern(t.organization()),
                shared.intern(held == null ? own : own.intersect(held)), t.expiresAt());
    }

    /** The token's own scopes, as its record names them (undeclared names dropped). */
    ScopeSet scopes(StoredToken t) {
        return Scopes.fromStore(catalog, t.id(), t.scopes());
    }

    static TokenState state(StoredToken t, Instant now) {
        if (t.revoked()) {
            return TokenState.REVOKED;
        }
        return now.isBefore(t.expiresAt()) ? TokenState.ACTIVE : TokenState.EXPIRED;
    }
}
