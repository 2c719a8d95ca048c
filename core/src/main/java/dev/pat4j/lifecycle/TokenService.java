package dev.pat4j.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Token management: create, read, list page by page, rename, extend, re-scope and revoke. The secret of a token is
 * returned once, by {@link #create}, and can never be regenerated. Calls that change a token
 * invalidate this node's validation cache before they return. Any call throws
 * {@link dev.pat4j.store.StoreUnavailableException} when the store cannot be reached.
 *
 * <p><b>Owners' rights.</b> A token created, extended or re-scoped is within its owner's rights
 * afterwards, as the {@link dev.pat4j.owner.OwnerDirectory} says them at the call: its owner is
 * active, holds each of its scopes and may bind a token to its organization; otherwise the call
 * throws {@link OwnerRightsException} and changes nothing. The limit is the owner's, whoever
 * acts (an administrator creating a token for a user is held to the user's rights). Revoking
 * needs no rights. By default every owner holds everything, and these checks never refuse.
 * Thread-safe.
 */
public interface TokenService {

    /**
     * Creates a token. The actor must be the owner or an administrator.
     *
     * @throws dev.pat4j.scope.UnknownScopeException if a scope is not in the catalog
     * @throws PolicyViolationException if the request breaks the policy
     * @throws OwnerRightsException if the owner is not active, does not hold a scope or may not
     *     bind a token to the organization
     * @throws NotPermittedException if a user creates a token for someone else
     */
    IssuedToken create(NewToken request, Actor actor);

    /** The token with this id, in whatever state. */
    Optional<TokenInfo> get(String id);

    /** Every token of an owner, revoked and expired ones included, newest first. */
    List<TokenInfo> listByOwner(String owner);

    /**
     * One page of an owner's tokens, filtered by state and name and in the query's order. Pass
     * the page's {@link TokenPage#nextCursor()} back with {@link TokenQuery#withCursor} (on the
     * same query, limit aside) for the next page, until it is null.
     *
     * <p><b>Keyset paging.</b> A cursor holds the position of the last token of its page in the
     * query's order ({@link TokenSort}: the sort key, then the id), not an offset, so pages read
     * while tokens are created, revoked or expire neither repeat nor skip a token: each token
     * whose sort key stays put is listed at most once, and exactly once if it matches the filter
     * on every page read (the state is evaluated when each page is read, by the service's clock:
     * a token revoked between pages is left out of later pages of an active-only query, and a
     * token created since the first page is listed only if its position is after the cursor, as
     * with {@link TokenSort#CREATED_OLDEST}, never before it). A token whose sort key changes
     * between pages (renamed under {@link TokenSort#NAME}, extended under
     * {@link TokenSort#EXPIRES_SOONEST}) is listed where it stood when each page was read, so
     * it may be missed or seen twice.
     *
     * <p>A store with the {@link dev.pat4j.store.TokenPaging} capability reads only the page;
     * for any other store this reads every token of the owner and filters and sorts them in
     * memory, per page: correct, but a full read of one owner's tokens each time.
     *
     * <p>Listing needs no actor: the caller decides whose tokens its user may see, as with
     * {@link #listByOwner}.
     *
     * @throws InvalidCursorException if the cursor is malformed, altered, or was issued for a
     *     query with another owner, state filter, search or order
     */
    TokenPage list(TokenQuery query);

    /** Active tokens expiring within {@code window} from now, soonest first. */
    List<TokenInfo> listExpiringWithin(Duration window);

    /**
     * Moves the expiry of an active token.
     *
     * @throws TokenNotFoundException if there is no token with this id
     * @throws TokenStateException if the token is revoked or expired
     * @throws PolicyViolationException if the new expiry breaks the policy
     * @throws OwnerRightsException if the token's owner is not active, no longer holds one of its
     *     scopes (re-scope it first) or may no longer bind a token to its organization
     * @throws NotPermittedException if a user extends someone else's token
     */
    TokenInfo extend(String id, Instant newExpiry, Actor actor);

    /**
     * Replaces the scopes of an active token.
     *
     * @throws TokenNotFoundException if there is no token with this id
     * @throws TokenStateException if the token is revoked or expired
     * @throws PolicyViolationException if the new scopes break the policy
     * @throws OwnerRightsException if the token's owner is not active, does not hold a new scope
     *     or may no longer bind a token to its organization
     * @throws NotPermittedException if a user re-scopes someone else's token
     * @throws dev.pat4j.scope.UnknownScopeException if a scope is not in the catalog
     */
    TokenInfo updateScopes(String id, Collection<String> scopes, Actor actor);

    /**
     * Renames a token that is not revoked; an expired token may be renamed (so its owner can
     * tell it apart in a list), a revoked one is final. The name is checked as {@link #create}
     * checks it ({@link NewToken#requireValidName}); renaming to the current name changes
     * nothing, fires no event and returns the token. Renaming needs no owner's rights: the name
     * grants nothing. Fires {@link dev.pat4j.event.TokenEvent.Renamed}.
     *
     * @throws IllegalArgumentException if the name is blank, too long or holds control,
     *     bidirectional-override or surrounding white-space characters
     * @throws TokenNotFoundException if there is no token with this id
     * @throws TokenStateException if the token is revoked
     * @throws NotPermittedException if a user renames someone else's token
     */
    TokenInfo rename(String id, String name, Actor actor);

    /**
     * Renames, re-scopes and extends a token in one step: either every change given is made, or
     * none is (the checks of {@link #rename}, {@link #updateScopes} and {@link #extend} all pass
     * first). A part equal to the token's current value is no change. Renaming alone works on an
     * expired token, as {@link #rename} does; new scopes or a new expiry need an active token.
     * Fires the event of each part that changed ({@code Renamed}, {@code ScopesChanged},
     * {@code Extended}) after the one write.
     *
     * <p>The default implementation makes the calls one after another and is therefore not
     * atomic; pat4j's own service overrides it.
     *
     * @throws TokenNotFoundException if there is no token with this id
     * @throws TokenStateException if the token is revoked, or expired and a scope or expiry change is asked for
     * @throws PolicyViolationException if the new scopes or expiry break the policy
     * @throws OwnerRightsException as {@link #updateScopes} and {@link #extend} throw it
     * @throws NotPermittedException if a user changes someone else's token
     * @throws dev.pat4j.scope.UnknownScopeException if a scope is not in the catalog
     */
    default TokenInfo update(String id, TokenChanges changes, Actor actor) {
        TokenInfo info = get(id).orElseThrow(() -> new TokenNotFoundException(id));
        if (changes.scopes() != null) {
            info = updateScopes(id, changes.scopes(), actor);
        }
        if (changes.expiresAt() != null) {
            info = extend(id, changes.expiresAt(), actor);
        }
        if (changes.name() != null) {
            info = rename(id, changes.name(), actor);
        }
        return info;
    }

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
     * Tells pat4j that the application changed what {@code owner} may do (the answer of its
     * {@link dev.pat4j.owner.OwnerDirectory}: scopes, organizations, active or not), so that every
     * node reads it again for the owner's tokens at once rather than when their cache entries
     * expire. This node drops the owner's active tokens from its cache before the call returns;
     * the others drop them when they next read the store's change feed (within the change poll
     * interval, sooner where the store wakes them), where this call puts each of those tokens
     * (through the store's {@link dev.pat4j.store.ChangeAnnouncer} capability, or, for a store
     * without it, an update of each token to its next version, unchanged). The tokens themselves
     * do not change. Call it after the change is visible to the directory on every node.
     *
     * @return how many of the owner's tokens are active, and were so announced
     */
    int ownerChanged(String owner);

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
