package dev.pat4j.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.pat4j.Pat4jObserver;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.owner.OwnerRights;
import dev.pat4j.scope.ScopeSet;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path: header → token → checksum → cache by id → constant-time secret check →
 * state, expiry and organization (a bound token on a request naming none fails closed unless
 * configured otherwise). What is cached, and how a miss loads (once per id, outside any lock
 * other ids share; an invalidation racing a load wins; forged ids kept off the store by a filter
 * of live ids) is {@link TokenCache}'s business; this class holds the checks and the one store
 * read that makes an entry ({@link #load}).
 *
 * <p>The cache's design was chosen by measurement (see the benchmarks module and
 * {@link TokenCache}): a hit reads an index in front of Caffeine and checks the entry's own
 * load time against the TTL. The TTL is measured in wall-clock milliseconds (a clock that went
 * backwards makes an entry stale), read once per check together with the expiry time when the
 * validator's clock is the system clock. Rejections are logged by {@link RejectionLog}: each at
 * DEBUG, and a WARN summary per interval.
 */
public final class DefaultTokenValidator implements TokenValidator, CacheInvalidator {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTokenValidator.class);
    private static final ValidationResult MISSING = new ValidationResult.Rejected(RejectionReason.MISSING, null);
    private static final ValidationResult MALFORMED = new ValidationResult.Rejected(RejectionReason.MALFORMED, null);
    private static final ValidationResult BAD_CHECKSUM =
            new ValidationResult.Rejected(RejectionReason.BAD_CHECKSUM, null);

    private final TokenCodec codec;
    private final TokenStore store;
    private final SecretHasher hasher;
    private final TokenViews views;
    private final OwnerRightsView owners;
    private final Clock clock;
    private final LastUsedRecorder lastUsed;
    private final Executor background;
    private final TokenCache cache;
    // Ids inserted by this node whose feed echo has not been read yet; bounded in case the feed stalls.
    private final Cache<String, Boolean> insertedHere = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).executor(Runnable::run).build();
    private final RejectionLog rejections;
    private final Observers observers;
    private final boolean systemClock;
    private final boolean boundWithoutOrganization;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public DefaultTokenValidator(TokenCodec codec, TokenStore store, SecretHasher hasher, TokenViews views,
                                 OwnerRightsView owners, Clock clock, LastUsedRecorder lastUsed, Executor background,
                                 CacheSettings settings, boolean boundWithoutOrganization, IdFilterSettings idFilter,
                                 Duration rejectionSummaryInterval, Observers observers) {
        this.codec = codec;
        this.store = store;
        this.hasher = hasher;
        this.views = views;
        this.owners = owners;
        this.clock = clock;
        this.lastUsed = lastUsed;
        this.background = background;
        this.cache = new TokenCache(settings, Math.max(1, ceilMillis(settings.ttl())), this::load,
                new UnseenIdBudget(clock, idFilter.unseenIdsPerSecond(), idFilter.unseenIdBurst()),
                idFilter.expectedSize());
        this.rejections = new RejectionLog(clock, Math.max(1, rejectionSummaryInterval.toMillis()));
        this.systemClock = clock.getClass() == Clock.systemUTC().getClass();
        this.boundWithoutOrganization = boundWithoutOrganization;
        this.observers = observers;
    }

    @Override
    public ValidationResult check(String header) {
        return check(header, null);
    }

    @Override
    public ValidationResult check(String header, String organization) {
        Scratch s = scratch.get();
        s.lookup = Pat4jObserver.Lookup.NONE;
        return observed(checkHeader(header, organization, s), s);
    }

    private ValidationResult checkHeader(String header, String organization, Scratch s) {
        if (header == null || header.isEmpty()) {
            return rejected(MISSING);
        }
        if (header.length() > CredentialDecoder.MAX_HEADER_LENGTH) {
            return rejected(MALFORMED);
        }
        int length = header.length();
        header.getChars(0, length, s.chars, 0); // one bulk copy; parsing then reads a plain array
        try {
            if (!CredentialDecoder.locate(s.chars, length, s.decoded, s.located)) {
                return rejected(header.isBlank() ? MISSING : MALFORMED);
            }
            return checkLocated(s.decoded, s.located.from, s.located.to, organization, s);
        } catch (RuntimeException e) {
            LOG.error("token validation failed unexpectedly; rejecting", e);
            return reject(RejectionReason.STORE_UNAVAILABLE, null);
        } finally {
            wipe(s, length);
        }
    }

    @Override
    public ValidationResult checkToken(String token, String organization) {
        Scratch s = scratch.get();
        s.lookup = Pat4jObserver.Lookup.NONE;
        return observed(checkBareToken(token, organization, s), s);
    }

    private ValidationResult checkBareToken(String token, String organization, Scratch s) {
        if (token == null || token.isEmpty()) {
            return rejected(MISSING);
        }
        if (token.length() > CredentialDecoder.MAX_HEADER_LENGTH) {
            return rejected(MALFORMED);
        }
        String trimmed = token.strip();
        int length = trimmed.length();
        trimmed.getChars(0, length, s.chars, 0);
        try {
            if (!CredentialDecoder.ascii(s.chars, 0, length, s.decoded, s.located)) {
                return rejected(MALFORMED);
            }
            return checkLocated(s.decoded, 0, length, organization, s);
        } catch (RuntimeException e) {
            LOG.error("token validation failed unexpectedly; rejecting", e);
            return reject(RejectionReason.STORE_UNAVAILABLE, null);
        } finally {
            wipe(s, length);
        }
    }

    private ValidationResult observed(ValidationResult result, Scratch s) {
        if (!observers.none()) {
            observers.checked(result, s.lookup);
        }
        return result;
    }

    /** Wipes the per-thread copies of a header: its characters and the token's bytes hold the secret in clear. */
    private static void wipe(Scratch s, int length) {
        Arrays.fill(s.chars, 0, length, '\0');
        s.located.wipeDecoded(s.decoded);
    }

    private ValidationResult checkLocated(byte[] token, int from, int to, String organization, Scratch s) {
        int status = codec.check(token, from, to, s.codec);
        if (status == TokenCodec.MALFORMED) {
            return rejected(MALFORMED);
        }
        if (status == TokenCodec.BAD_CHECKSUM) {
            return rejected(BAD_CHECKSUM);
        }
        codec.checkedKey(s.codec, s.key);
        codec.copyCheckedSecret(s.codec, s.block, CachedToken.FAST_SALT_LENGTH);
        try {
            return verify(organization, s);
        } finally {
            Arrays.fill(s.block, CachedToken.FAST_SALT_LENGTH, CachedToken.BLOCK_LENGTH, (byte) 0);
        }
    }

    private ValidationResult verify(String organization, Scratch s) {
        long wall = systemClock ? clock.millis() : System.currentTimeMillis();
        CachedToken entry = cache.hit(s.key, wall);
        s.lookup = entry == null ? Pat4jObserver.Lookup.CACHE_MISS : Pat4jObserver.Lookup.CACHE_HIT;
        if (entry == null) {
            String id = codec.checkedId(s.codec);
            try {
                entry = cache.load(id, s.key, wall);
            } catch (StoreUnavailableException e) {
                LOG.debug("token {}: store unavailable ({})", id, e.getMessage()); // counted in the summary
                return reject(RejectionReason.STORE_UNAVAILABLE, id);
            }
            if (entry == null) {
                return reject(RejectionReason.UNKNOWN, id);
            }
        }
        if (!secretMatches(entry, s)) {
            return reject(RejectionReason.SECRET_MISMATCH, codec.checkedId(s.codec));
        }
        int state = entry.state();
        if ((state & CachedToken.REVOKED) != 0) {
            return reject(RejectionReason.REVOKED, codec.checkedId(s.codec));
        }
        long now = systemClock ? wall : clock.millis(); // one clock read per hit with the system clock
        if (now >= entry.expiresAtMillis) {
            return reject(RejectionReason.EXPIRED, codec.checkedId(s.codec));
        }
        if ((state & CachedToken.OWNER_INACTIVE) != 0) {
            return reject(RejectionReason.OWNER_INACTIVE, codec.checkedId(s.codec));
        }
        if ((state & CachedToken.BOUND) != 0) {
            if ((state & CachedToken.ORGANIZATION_WITHDRAWN) != 0) {
                return reject(RejectionReason.WRONG_ORGANIZATION, codec.checkedId(s.codec));
            }
            if (organization == null) {
                if (!boundWithoutOrganization) {
                    return reject(RejectionReason.ORGANIZATION_REQUIRED, codec.checkedId(s.codec));
                }
            } else if (!organization.equals(entry.organization())) {
                return reject(RejectionReason.WRONG_ORGANIZATION, codec.checkedId(s.codec));
            }
        } else if ((state & CachedToken.ORGANIZATIONS_LIMITED) != 0 && organization != null
                && !entry.ownerMayActIn(organization)) {
            return reject(RejectionReason.WRONG_ORGANIZATION, codec.checkedId(s.codec));
        }
        lastUsed.touch(entry, now);
        return entry.authenticated;
    }

    private boolean secretMatches(CachedToken entry, Scratch s) {
        if (entry.hasFastVerifier()) {
            entry.writeSalt(s.block);
            boolean ok = entry.matchesFast(s.sha, s.block, s.digest);
            if (ok && entry.outdated() && entry.claimRehash()) {
                rehashLater(entry.id(), secretOf(s));
            }
            return ok;
        }
        CachedToken.StoredSecret stored = entry.stored;
        byte[] secret = secretOf(s);
        try {
            if (!hasher.verify(stored.algorithm(), stored.salt(), stored.hash(), secret)) {
                return false;
            }
            byte[] fastSalt = hasher.newSalt(); // SALT_LENGTH == FAST_SALT_LENGTH
            byte[] fastHash = new byte[SecretHasher.HASH_LENGTH];
            SecretHasher.sha256(s.sha, fastSalt, secret, 0, secret.length, fastHash);
            CachedToken upgraded = entry.withFastVerifier(fastSalt, fastHash);
            cache.upgrade(entry, upgraded);
            if (entry.outdated() && upgraded.claimRehash()) {
                rehashLater(entry.id(), secret.clone());
            }
            return true;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] secretOf(Scratch s) {
        return Arrays.copyOfRange(s.block, CachedToken.FAST_SALT_LENGTH, CachedToken.BLOCK_LENGTH);
    }

    /** The one store read of the hot path ({@link TokenCache.Loader}): a token and its owner's rights, as an entry. */
    private CachedToken load(String id, CachedToken fresh, long wall) {
        Optional<StoredToken> found = store.find(id);
        if (found.isEmpty()) {
            return null;
        }
        StoredToken t = found.get();
        String algorithm = t.hashAlgorithm();
        if (owners.everything()) {
            return fresh.fill(views.principal(t), t.revoked(), hasher.isOutdated(algorithm), wall, algorithm,
                    t.salt(), t.hash(), SecretHashing.SHA_256.equals(algorithm));
        }
        OwnerRights rights = rightsOf(t.owner());
        int ownerFlags = rights.active() ? 0 : CachedToken.OWNER_INACTIVE;
        CachedToken entry = fresh;
        if (!rights.allOrganizations()) {
            if (t.organization() == null) {
                entry = new CachedToken.OrganizationLimited(fresh, rights.organizations());
            } else if (!rights.mayBindTo(t.organization())) {
                ownerFlags |= CachedToken.ORGANIZATION_WITHDRAWN;
            }
        }
        ScopeSet held = rights.allScopes() ? null : owners.held(rights, t.owner());
        return entry.fill(views.principal(t, held), ownerFlags, t.revoked(), hasher.isOutdated(algorithm), wall,
                algorithm, t.salt(), t.hash(), SecretHashing.SHA_256.equals(algorithm));
    }

    /**
     * The owner's rights for a load. A directory that fails is treated like a store that fails:
     * the token is refused as unavailable unless already verified in the cache (fail closed).
     */
    private OwnerRights rightsOf(String owner) {
        try {
            return owners.rightsOf(owner);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("the owner directory failed for " + owner + ": " + e.getMessage(), e);
        }
    }

    private static long ceilMillis(Duration d) {
        long millis = d.toMillis();
        return d.minusMillis(millis).isZero() ? millis : millis + 1;
    }

    /** Re-hashes a record under the configured algorithm once, off the request path. */
    private void rehashLater(String id, byte[] secret) {
        try {
            background.execute(() -> rehash(id, secret));
        } catch (RejectedExecutionException e) {
            Arrays.fill(secret, (byte) 0); // closed: the next instance re-hashes on a later use
        }
    }

    private void rehash(String id, byte[] secret) {
        try {
            store.find(id).filter(t -> hasher.isOutdated(t.hashAlgorithm())).ifPresent(t -> {
                byte[] salt = hasher.newSalt();
                if (store.update(t.withHash(salt, hasher.hash(salt, secret), hasher.algorithm()))) {
                    LOG.info("token {} re-hashed from {} to {}", id, t.hashAlgorithm(), hasher.algorithm());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("re-hashing token {} failed; will retry on a later use", id, e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private ValidationResult reject(RejectionReason reason, String id) {
        rejections.rejected(reason, id);
        return new ValidationResult.Rejected(reason, id);
    }

    /** A ready-made rejection (no token id), counted and logged like the others. */
    private ValidationResult rejected(ValidationResult rejection) {
        rejections.rejected(((ValidationResult.Rejected) rejection).reason(), null);
        return rejection;
    }

    @Override
    public void invalidate(String id) {
        cache.invalidate(id);
    }

    @Override
    public void insertingHere(String id) {
        insertedHere.put(id, Boolean.TRUE);
    }

    @Override
    public void insertRefused(String id) {
        insertedHere.invalidate(id);
        cache.invalidate(id);
    }

    /**
     * Without this, a node would drop the entry of a token it created and has checked since,
     * once per token, when its feed reaches the insert (a store outage just then would refuse
     * the token). The echo is the id's first feed entry, so anything later still invalidates.
     */
    @Override
    public void changedInFeed(String id) {
        if (insertedHere.asMap().remove(id) == null) {
            cache.invalidate(id);
        } // else already in the filter of live ids: the insert put it there
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /**
     * Builds the filter of live ids from {@code store} anew (at start, then periodically): ids the
     * filter has not seen reach the store only within the unseen-id budget.
     *
     * @throws StoreUnavailableException if the store cannot answer (the previous filter, if any, stays)
     */
    public void rebuildIdFilter(LiveTokenIds store, Instant now) {
        cache.rebuildFilter(store, now);
    }

    /** Whether a filter of live ids is in force (it is not before its first build, nor for a store without {@link LiveTokenIds}). */
    public boolean filteringIds() {
        return cache.filtering();
    }

    /** About how many tokens the cache holds now (verified and not yet evicted), for metrics. */
    public long cachedTokens() {
        return cache.estimatedSize();
    }

    /** Writes the rejection summary if its interval has passed; the owner calls it on a schedule. */
    public void summarizeRejections() {
        rejections.summarizeIfDue();
    }

    /** Per-thread buffers that keep the hot path free of allocation. */
    private static final class Scratch {
        final TokenCodec.Scratch codec = new TokenCodec.Scratch();
        final TokenKey key = new TokenKey(); // the lookup probe
        final CredentialDecoder.Located located = new CredentialDecoder.Located();
        final char[] chars = new char[CredentialDecoder.MAX_HEADER_LENGTH]; // the header, wiped after each check
        final byte[] decoded = new byte[CredentialDecoder.MAX_HEADER_LENGTH]; // the token's bytes, wiped too
        final MessageDigest sha = SecretHasher.newSha256();
        final byte[] block = new byte[CachedToken.BLOCK_LENGTH]; // fast salt ‖ secret, wiped after each check
        final byte[] digest = new byte[SecretHasher.HASH_LENGTH];
        Pat4jObserver.Lookup lookup = Pat4jObserver.Lookup.NONE; // how the current check found its token
    }
}
