package dev.pat4j.internal;

import dev.pat4j.event.TokenEvent;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.ConcurrentUpdateException;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.NotPermittedException;
import dev.pat4j.lifecycle.PolicyRule;
import dev.pat4j.lifecycle.PolicyViolationException;
import dev.pat4j.lifecycle.TokenChanges;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenNotFoundException;
import dev.pat4j.lifecycle.TokenPage;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenQuery;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.lifecycle.TokenStateException;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.OutboxNotice;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeSet;
import dev.pat4j.store.ChangeAnnouncer;
import dev.pat4j.store.DuplicateTokenIdException;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.TokenPaging;
import dev.pat4j.store.TokenStore;
import dev.pat4j.store.internal.PageOrder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle: policy and owner-rights checks, hashing, optimistic updates with retry, local
 * cache invalidation before returning, then events. Where the store keeps an outbox, a change
 * that owners are told of (a creation, a revocation by an administrator, a leak) writes its
 * notice in the same store operation as the change, so neither exists without the other.
 */
public final class DefaultTokenService implements TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTokenService.class);
    private static final int MAX_ATTEMPTS = 32;

    private final TokenStore store;
    private final ScopeCatalog catalog;
    private final TokenPolicy policy;
    private final OwnerRightsView owners;
    private final Clock clock;
    private final TokenCodec codec;
    private final SecretHasher hasher;
    private final SecureRandom random;
    private final TokenViews views;
    private final CacheInvalidator cache;
    private final EventDispatcher events;
    private final Optional<NoticeOutbox> outbox;

    public DefaultTokenService(TokenStore store, ScopeCatalog catalog, TokenPolicy policy, OwnerRightsView owners,
                               Clock clock, TokenCodec codec, SecretHasher hasher, SecureRandom random,
                               TokenViews views, CacheInvalidator cache, EventDispatcher events) {
        this.store = store;
        this.outbox = store.capability(NoticeOutbox.class);
        this.catalog = catalog;
        this.policy = policy;
        this.owners = owners;
        this.clock = clock;
        this.codec = codec;
        this.hasher = hasher;
        this.random = random;
        this.views = views;
        this.cache = cache;
        this.events = events;
    }

    @Override
    public IssuedToken create(NewToken request, Actor actor) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(actor, "actor");
        if (!actor.mayManage(request.owner())) {
            throw new NotPermittedException(actor.name() + " may not create tokens for " + request.owner());
        }
        ScopeSet scopes = catalog.of(request.scopes());
        Instant now = now();
        Instant expiry = request.expiryFrom(now).truncatedTo(ChronoUnit.MILLIS);
        checkExpiry(now, expiry);
        checkScopes(scopes);
        if (request.organization() == null && !policy.allowAllOrganizations()) {
            throw new PolicyViolationException(PolicyRule.ALL_ORGANIZATIONS,
                    "tokens for all organizations are not allowed; name an organization");
        }
        owners.require(request.owner(), scopes, request.organization()); // the owner's, whoever acts
        int active = store.countActive(request.owner(), now);
        if (active >= policy.maxActiveTokensPerOwner()) {
            throw new PolicyViolationException(PolicyRule.MAX_ACTIVE_TOKENS, request.owner() + " already has "
                    + active + " active tokens; the limit is " + policy.maxActiveTokensPerOwner());
        }
        for (int attempt = 1; ; attempt++) {
            String token = codec.generate(random);
            StoredToken stored = hashed(token, request, scopes, now, expiry, actor);
            cache.insertingHere(stored.id());
            try {
                insert(stored, OutboxNotice.of(NoticeKind.CREATED, stored.id(), actor.name(), null, now));
            } catch (DuplicateTokenIdException e) {
                cache.insertRefused(stored.id());
                if (attempt == 3) {
                    throw e;
                }
                continue; // 62^12 ids: practically unreachable, but never overwrite
            }
            cache.invalidate(stored.id());
            TokenInfo info = views.info(stored, now);
            if (stored.createdVia() == null) {
                LOG.info("token {} created for {} by {}", stored.id(), stored.owner(), actor.name());
            } else {
                LOG.info("token {} created for {} by {} via {}", stored.id(), stored.owner(), actor.name(),
                        stored.createdVia());
            }
            events.dispatch(new TokenEvent.Created(info, actor.name(), now));
            return new IssuedToken(info, token);
        }
    }

    private void insert(StoredToken stored, OutboxNotice notice) {
        if (outbox.isPresent()) {
            outbox.get().insertWithNotice(stored, notice);
        } else {
            store.insert(stored);
        }
    }

    private StoredToken hashed(String token, NewToken request, ScopeSet scopes, Instant now, Instant expiry,
                               Actor actor) {
        byte[] secret = new byte[TokenCodec.SECRET_LENGTH];
        codec.copySecret(token, 0, secret, 0);
        try {
            byte[] salt = hasher.newSalt();
            return new StoredToken(codec.id(token, 0), request.owner(), request.name(), request.organization(),
                    scopes.format(), now, actor.name(), request.createdVia(), expiry, null, null, null, salt,
                    hasher.hash(salt, secret),
                    hasher.algorithm(), false, 1);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public Optional<TokenInfo> get(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = now();
        return store.find(id).map(t -> views.info(t, now));
    }

    @Override
    public List<TokenInfo> listByOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        Instant now = now();
        return store.findByOwner(owner).stream().map(t -> views.info(t, now)).toList();
    }

    @Override
    public TokenPage list(TokenQuery query) {
        Objects.requireNonNull(query, "query");
        PagePosition after = query.cursor() == null ? null : PageCursor.decode(query);
        Instant now = now();
        List<StoredToken> rows = page(query, after, now, query.limit() + 1); // one more: is there a next page?
        boolean more = rows.size() > query.limit();
        List<StoredToken> shown = more ? rows.subList(0, query.limit()) : rows;
        String next = more ? PageCursor.encode(query, PagePosition.of(query.sort(), shown.get(shown.size() - 1)))
                : null;
        return new TokenPage(shown.stream().map(t -> views.info(t, now)).toList(), next);
    }

    /** The store's keyset page where it can page; else the owner's tokens, filtered and sorted here. */
    private List<StoredToken> page(TokenQuery q, PagePosition after, Instant now, int limit) {
        Optional<TokenPaging> paging = store.capability(TokenPaging.class);
        List<StoredToken> rows = paging.isPresent()
                ? paging.get().findPage(q.owner(), q.states(), now, q.search(), q.sort(), after, limit)
                : PageOrder.page(store.findByOwner(q.owner()), q.states(), now, q.search(), q.sort(), after, limit);
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    @Override
    public List<TokenInfo> listExpiringWithin(Duration window) {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("window must be zero or positive");
        }
        Instant now = now();
        Instant to = SaturatingTime.plus(now, window);
        return store.findExpiring(now, to).stream().map(t -> views.info(t, now)).toList();
    }

    @Override
    public TokenInfo extend(String id, Instant newExpiry, Actor actor) {
        Objects.requireNonNull(newExpiry, "newExpiry");
        Instant target = newExpiry.truncatedTo(ChronoUnit.MILLIS);
        Change change = mutate(id, actor, (current, now) -> {
            requireActive(current, now);
            checkExpiry(now, target);
            checkExtensionFromCreation(current, target);
            owners.require(current.owner(), views.scopes(current), current.organization());
            return current.withExpiry(target);
        });
        LOG.info("token {} extended to {} by {}", id, target, actor.name());
        events.dispatch(new TokenEvent.Extended(change.after, change.before.expiresAt(), actor.name(), change.at));
        return change.after;
    }

    @Override
    public TokenInfo updateScopes(String id, Collection<String> scopeNames, Actor actor) {
        Objects.requireNonNull(scopeNames, "scopes");
        ScopeSet scopes = catalog.of(scopeNames);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        checkScopes(scopes);
        Change change = mutate(id, actor, (current, now) -> {
            requireActive(current, now);
            owners.require(current.owner(), scopes, current.organization());
            return current.withScopes(scopes.format());
        });
        LOG.info("token {} scopes set to '{}' by {}", id, scopes, actor.name());
        events.dispatch(new TokenEvent.ScopesChanged(change.after, change.before.scopes(), actor.name(), change.at));
        return change.after;
    }

    @Override
    public TokenInfo rename(String id, String name, Actor actor) {
        NewToken.requireValidName(name);
        Change change = mutate(id, actor, (current, now) -> {
            if (current.revoked()) {
                throw new TokenStateException(current.id(), TokenState.REVOKED);
            }
            return current.name().equals(name) ? current : current.withName(name);
        });
        if (change.changed) {
            LOG.info("token {} renamed by {}", id, actor.name());
            events.dispatch(new TokenEvent.Renamed(change.after, change.before.name(), actor.name(), change.at));
        }
        return change.after;
    }

    @Override
    public TokenInfo update(String id, TokenChanges changes, Actor actor) {
        Objects.requireNonNull(changes, "changes");
        ScopeSet scopes = null;
        if (changes.scopes() != null) {
            scopes = catalog.of(changes.scopes());
            if (scopes.isEmpty()) {
                throw new IllegalArgumentException("a token needs at least one scope");
            }
            checkScopes(scopes);
        }
        ScopeSet newScopes = scopes;
        Instant target = changes.expiresAt() == null ? null : changes.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        String name = changes.name();
        Change change = mutate(id, actor, (current, now) -> {
            if (current.revoked()) {
                throw new TokenStateException(current.id(), TokenState.REVOKED);
            }
            boolean rescope = newScopes != null && !newScopes.format().equals(current.scopes());
            boolean extend = target != null && !target.equals(current.expiresAt());
            boolean rename = name != null && !name.equals(current.name());
            if (rescope || extend) {
                requireActive(current, now);
            }
            if (extend) {
                checkExpiry(now, target);
                checkExtensionFromCreation(current, target);
            }
            if (rescope || extend) {
                owners.require(current.owner(), rescope ? newScopes : views.scopes(current), current.organization());
            }
            if (!rescope && !extend && !rename) {
                return current;
            }
            // one version step, however many parts change: the store's optimistic check expects exactly one
            return new StoredToken(current.id(), current.owner(), rename ? name : current.name(),
                    current.organization(), rescope ? newScopes.format() : current.scopes(), current.createdAt(),
                    current.createdBy(), current.createdVia(), extend ? target : current.expiresAt(),
                    current.revokedAt(), current.revokedBy(), current.lastUsedAt(), current.salt(), current.hash(),
                    current.hashAlgorithm(), extend ? false : current.expiryNotified(), current.version() + 1);
        });
        if (change.changed) {
            TokenInfo before = change.before;
            TokenInfo after = change.after;
            LOG.info("token {} updated by {}", id, actor.name());
            if (!before.name().equals(after.name())) {
                events.dispatch(new TokenEvent.Renamed(after, before.name(), actor.name(), change.at));
            }
            if (!before.scopes().equals(after.scopes())) {
                events.dispatch(new TokenEvent.ScopesChanged(after, before.scopes(), actor.name(), change.at));
            }
            if (!before.expiresAt().equals(after.expiresAt())) {
                events.dispatch(new TokenEvent.Extended(after, before.expiresAt(), actor.name(), change.at));
            }
        }
        return change.after;
    }

    @Override
    public TokenInfo revoke(String id, Actor actor) {
        Change change = mutate(id, actor,
                (current, now) -> current.revoked() ? current : current.withRevocation(now, actor.name()),
                (current, now) -> revokedByAdministrator(current, actor, now));
        if (change.changed) {
            LOG.info("token {} revoked by {}", id, actor.name());
            events.dispatch(new TokenEvent.Revoked(change.after, actor.name(), change.at));
        }
        return change.after;
    }

    @Override
    public int revokeAll(String owner, Actor administrator) {
        Objects.requireNonNull(owner, "owner");
        if (!administrator.administrator()) {
            throw new NotPermittedException("only an administrator may revoke all tokens of a user");
        }
        int revoked = 0;
        Instant now = now();
        for (StoredToken t : store.findByOwner(owner)) {
            if (t.activeAt(now) && revokeCounting(t.id(), administrator)) {
                revoked++;
            }
        }
        if (revoked > 0) {
            LOG.info("{} tokens of {} revoked by {}", revoked, owner, administrator.name());
        } else {
            // the owner text is the caller's and unchecked: it may be anything, a pasted token included
            LOG.info("revoke-all by {} found no active token of the owner given", administrator.name());
        }
        return revoked;
    }

    @Override
    public int ownerChanged(String owner) {
        Objects.requireNonNull(owner, "owner");
        Instant now = now();
        List<String> active = store.findByOwner(owner).stream().filter(t -> t.activeAt(now)).map(StoredToken::id)
                .toList();
        for (String id : active) {
            cache.invalidate(id); // this node at once
        }
        if (!active.isEmpty()) {
            announce(active); // every other node through the feed
        }
        LOG.info("rights of {} changed: {} active tokens announced for re-reading", owner, active.size());
        return active.size();
    }

    /**
     * Puts {@code ids} on the change feed: in one step where the store can announce changes;
     * else by updating each token to its next version unchanged. An update that loses its race
     * needs no retry: the change that won was appended to the feed after this call began.
     */
    private void announce(List<String> ids) {
        Optional<ChangeAnnouncer> announcer = store.capability(ChangeAnnouncer.class);
        if (announcer.isPresent()) {
            announcer.get().announceChanges(ids);
            return;
        }
        for (String id : ids) {
            store.find(id).ifPresent(t -> store.update(t.withScopes(t.scopes())));
        }
    }

    /** Revokes one token if it is still active; an expired token keeps its state (it can never come back). */
    private boolean revokeCounting(String id, Actor actor) {
        Change change = mutate(id, actor,
                (current, now) -> current.activeAt(now) ? current.withRevocation(now, actor.name()) : current,
                (current, now) -> revokedByAdministrator(current, actor, now));
        if (change.changed) {
            events.dispatch(new TokenEvent.Revoked(change.after, actor.name(), change.at));
        }
        return change.changed;
    }

    @Override
    public Optional<TokenInfo> revokeLeaked(String token, String location) {
        if (token == null || codec.check(token, 0) != TokenCodec.OK) {
            return Optional.empty();
        }
        String id = codec.id(token, 0);
        Optional<StoredToken> found = store.find(id);
        if (found.isEmpty() || !secretMatches(found.get(), token)) {
            LOG.warn("leak report for token id {} is not a live token of this store; ignored", id);
            return Optional.empty();
        }
        Actor scanner = Actor.administrator("leak-scanner");
        Change change = mutate(id, scanner,
                (current, now) -> current.revoked() ? current : current.withRevocation(now, scanner.name()),
                (current, now) -> OutboxNotice.of(NoticeKind.LEAKED, current.id(), scanner.name(), location, now));
        LOG.warn("token {} of {} leaked at {}; revoked", id, change.after.owner(), location);
        if (change.changed) {
            events.dispatch(new TokenEvent.Revoked(change.after, scanner.name(), change.at));
        }
        events.dispatch(new TokenEvent.Leaked(change.after, location, change.at));
        return Optional.of(change.after);
    }

    private boolean secretMatches(StoredToken stored, String token) {
        byte[] secret = new byte[TokenCodec.SECRET_LENGTH];
        codec.copySecret(token, 0, secret, 0);
        try {
            return hasher.verify(stored.hashAlgorithm(), stored.salt(), stored.hash(), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The owner is told when someone else revoked their token; a revocation of one's own is no news. */
    private static @Nullable OutboxNotice revokedByAdministrator(StoredToken current, Actor actor, Instant now) {
        return actor.name().equals(current.owner()) ? null
                : OutboxNotice.of(NoticeKind.REVOKED_BY_ADMINISTRATOR, current.id(), actor.name(), null, now);
    }

    private Change mutate(String id, Actor actor, Transform transform) {
        return mutate(id, actor, transform, (current, now) -> null);
    }

    /**
     * Read, check the actor, transform, write if unchanged since read; retry on a lost race. The
     * notice of the change, if {@code notice} names one, is written with it.
     */
    private Change mutate(String id, Actor actor, Transform transform, NoticeOfChange notice) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredToken current = store.find(id).orElseThrow(() -> new TokenNotFoundException(id));
            if (!actor.mayManage(current.owner())) {
                throw new NotPermittedException(actor.name() + " may not manage tokens of " + current.owner());
            }
            Instant now = now();
            StoredToken next = transform.apply(current, now);
            if (next == current) {
                return new Change(views.info(current, now), views.info(current, now), now, false);
            }
            if (update(next, notice.of(current, now))) {
                cache.invalidate(id);
                return new Change(views.info(current, now), views.info(next, now), now, true);
            }
        }
        throw new ConcurrentUpdateException(id);
    }

    private boolean update(StoredToken next, @Nullable OutboxNotice notice) {
        return notice == null || outbox.isEmpty() ? store.update(next) : outbox.get().updateWithNotice(next, notice);
    }

    private void checkExpiry(Instant now, Instant expiry) {
        if (!expiry.isAfter(now)) {
            throw new PolicyViolationException(PolicyRule.EXPIRY_NOT_IN_FUTURE,
                    "expiry " + expiry + " is not after now (" + now + ")");
        }
        if (Duration.between(now, expiry).compareTo(policy.maxLifespan()) > 0) {
            throw new PolicyViolationException(PolicyRule.MAX_LIFESPAN, "expiry " + expiry
                    + " is more than the maximum lifespan of " + describe(policy.maxLifespan()) + " from now");
        }
    }

    /** With extensions counted from creation (Azure DevOps' rule), no expiry passes created + max lifespan. */
    private void checkExtensionFromCreation(StoredToken current, Instant expiry) {
        if (policy.extensionFrom() != TokenPolicy.ExtensionBase.CREATION) {
            return;
        }
        Duration max = policy.maxLifespan();
        if (Duration.between(current.createdAt(), expiry).compareTo(max) > 0) {
            Instant limit = current.createdAt().plus(max);
            throw new PolicyViolationException(PolicyRule.MAX_LIFESPAN, "expiry " + expiry
                    + " is more than the maximum lifespan of " + describe(max) + " from the token's creation ("
                    + current.createdAt() + "); extensions count from creation, so it can expire at " + limit
                    + " at the latest");
        }
    }

    /** "365 days" for whole days, else ISO-8601 ("PT36H"): never a rounded-down limit. */
    private static String describe(Duration d) {
        Duration days = Duration.ofDays(d.toDays());
        return days.equals(d) ? d.toDays() + " days" : d.toString();
    }

    private void checkScopes(ScopeSet scopes) {
        if (scopes.isFullAccess() && !policy.allowFullAccess()) {
            throw new PolicyViolationException(PolicyRule.FULL_ACCESS, "full-access tokens are not allowed");
        }
    }

    private static void requireActive(StoredToken current, Instant now) {
        TokenState state = TokenViews.state(current, now);
        if (state != TokenState.ACTIVE) {
            throw new TokenStateException(current.id(), state);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @FunctionalInterface
    private interface Transform {
        StoredToken apply(StoredToken current, Instant now);
    }

    /** The notice a change raises, or null for none. */
    @FunctionalInterface
    private interface NoticeOfChange {
        @Nullable OutboxNotice of(StoredToken current, Instant now);
    }

    private record Change(TokenInfo before, TokenInfo after, Instant at, boolean changed) {
    }
}
