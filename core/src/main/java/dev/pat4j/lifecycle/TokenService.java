package dev.pat4j.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Token management: create, read, extend, re-scope and revoke. The secret of a token is
 * returned once, by {@link #create}, and can never be regenerated. Calls that change a token
 * invalidate this node's validation cache before they return. Any call throws
 * {@link dev.pat4j.store.StoreUnavailableException} when the store cannot be reached.
 * Thread-safe.
 */
public interface TokenService {

    /**
     * Creates a token. The actor must be the owner or an administrator.
     *
     * @throws dev.pat4j.scope.UnknownScopeException if a scope is not in the catalog
     * @throws PolicyViolationException if the request breaks the policy
     * @throws NotPermittedException if a user creates a token for someone else
     */
    IssuedToken create(NewToken request, Actor actor);

    /** The token with this id, in whatever state. */
    Optional<TokenInfo> get(String id);

    /** Every token of an owner, revoked and expired ones included, newest first. */
    List<TokenInfo> listByOwner(String owner);

    /** Active tokens expiring within {@code window} from now, soonest first. */
    List<TokenInfo> listExpiringWithin(Duration window);

    /**
     * Moves the expiry of an active token.
     *
     * @throws TokenNotFoundException if there is no token with this id
     * @throws TokenStateException if the token is revoked or expired
     * @throws PolicyViolationException if the new expiry breaks the policy
     * @throws NotPermittedException if a user extends someone else's token
     */
    TokenInfo extend(String id, Instant newExpiry, Actor actor);

    /**
     * Replaces the scopes of an active token.
     *
     * @throws TokenNotFoundException if there is no token with this id
     * @throws TokenStateException if the token is revoked or expired
     * @throws PolicyViolationException if the new scopes break the policy
     * @throws NotPermittedException if a user re-scopes someone else's token
     * @throws dev.pat4j.scope.UnknownScopeException if a scope is not in the catalog
     */
    TokenInfo updateScopes(String id, Collection<String> scopes, Actor actor);

    /**
     * Revokes a token; revoking a revoked token changes nothing and returns it.
     *
     * @throws TokenNotFoundException if there is no token with this id
     * @throws NotPermittedException if a user revokes someone else's token
     */
    TokenInfo revoke(String id, Actor actor);

    /**
     * Revokes every active token of an owner.
     *
     * @return how many tokens this call revoked
     * @throws NotPermittedException unless the actor is an administrator
     */
    int revokeAll(String owner, Actor administrator);

    /**
     * Revokes a token found where it should not be (a repository, a log), after checking that
     * the text is a real token and not a look-alike, and fires the leaked event.
     *
     * @param token the full token text that was found
     * @param location where it was found, for the event
     * @return the revoked token, or empty if the text is not a live token of this store
     */
    Optional<TokenInfo> revokeLeaked(String token, String location);
}
