package dev.pat4j.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path: header → token → checksum → cache by id → constant-time secret check →
 * state, expiry and organization. A miss loads from the store inside the cache's atomic
 * compute, so an invalidation that races a load always wins.
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
    private final Clock clock;
    private final LastUsedRecorder lastUsed;
    private final Executor background;
    private final Cache<String, CachedToken> cache;
    private final Cache<String, Boolean> unknown;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public DefaultTokenValidator(TokenCodec codec, TokenStore store, SecretHasher hasher, TokenViews views,
                                 Clock clock, LastUsedRecorder lastUsed, Executor background, CacheSettings settings) {
        this.codec = codec;
        this.store = store;
        this.hasher = hasher;
        this.views = views;
        this.clock = clock;
        this.lastUsed = lastUsed;
        this.background = background;
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfterWrite(settings.ttl())
                .executor(Runnable::run)
                .build();
        this.unknown = Caffeine.newBuilder()
                .maximumSize(settings.negativeMaximumSize())
                .expireAfterWrite(settings.negativeTtl())
                .executor(Runnable::run)
                .build();
    }

    @Override
    public ValidationResult check(String header) {
        return check(header, null);
    }

    @Override
    public ValidationResult check(String header, String organization) {
        if (header == null || header.isEmpty()) {
            return MISSING;
        }
        if (header.length() > CredentialDecoder.MAX_HEADER_LENGTH) {
            return MALFORMED;
        }
        try {
            Scratch s = scratch.get();
            if (!CredentialDecoder.locate(header, s.located, s.decoded, s.view)) {
                return header.isBlank() ? MISSING : MALFORMED;
            }
            return checkLocated(s.located.chars, s.located.from, s.located.to, organization, s);
        } catch (RuntimeException e) {
            LOG.error("token validation failed unexpectedly; rejecting", e);
            return new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, null);
        }
    }

    @Override
    public ValidationResult checkToken(String token, String organization) {
        if (token == null || token.isEmpty()) {
            return MISSING;
        }
        if (token.length() > CredentialDecoder.MAX_HEADER_LENGTH) {
            return MALFORMED;
        }
        try {
            String trimmed = token.strip();
            return checkLocated(trimmed, 0, trimmed.length(), organization, scratch.get());
        } catch (RuntimeException e) {
            LOG.error("token validation failed unexpectedly; rejecting", e);
            return new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, null);
        }
    }

    private ValidationResult checkLocated(CharSequence chars, int from, int to, String organization, Scratch s) {
        int status = codec.check(chars, from, to, s.codec);
        if (status == TokenCodec.MALFORMED) {
            return MALFORMED;
        }
        if (status == TokenCodec.BAD_CHECKSUM) {
            return BAD_CHECKSUM;
        }
        String id = codec.id(chars, from);
        codec.copySecret(chars, from, s.secret, 0);
        try {
            return verify(id, organization, s);
        } finally {
            Arrays.fill(s.secret, (byte) 0);
        }
    }

    private ValidationResult verify(String id, String organization, Scratch s) {
        CachedToken entry = cache.getIfPresent(id);
        if (entry == null) {
            if (unknown.getIfPresent(id) != null) {
                return reject(RejectionReason.UNKNOWN, id);
            }
            try {
                entry = cache.get(id, this::load);
            } catch (StoreUnavailableException e) {
                LOG.warn("token {} rejected: store unavailable ({})", id, e.getMessage());
                return new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, id);
            }
            if (entry == null) {
                unknown.put(id, Boolean.TRUE);
                return reject(RejectionReason.UNKNOWN, id);
            }
        }
        if (!secretMatches(entry, s)) {
            return reject(RejectionReason.SECRET_MISMATCH, id);
        }
        if (entry.revoked) {
            return reject(RejectionReason.REVOKED, id);
        }
        long now = clock.millis();
        if (now >= entry.expiresAtMillis) {
            return reject(RejectionReason.EXPIRED, id);
        }
        if (organization != null && entry.organization != null && !organization.equals(entry.organization)) {
            return reject(RejectionReason.WRONG_ORGANIZATION, id);
        }
        lastUsed.touch(entry, now);
        return entry.authenticated;
    }

    private boolean secretMatches(CachedToken entry, Scratch s) {
        if (entry.hasFastVerifier()) {
            boolean ok = entry.matchesFast(s.sha, s.secret, s.digest);
            if (ok && hasher.isOutdated(entry.storedAlgorithm) && entry.claimRehash()) {
                rehashLater(entry.id, s.secret.clone());
            }
            return ok;
        }
        byte[] secret = s.secret.clone();
        try {
            if (!hasher.verify(entry.storedAlgorithm, entry.storedSalt, entry.storedHash, secret)) {
                return false;
            }
            byte[] fastSalt = hasher.newSalt();
            byte[] fastHash = new byte[SecretHasher.HASH_LENGTH];
            SecretHasher.sha256(s.sha, fastSalt, secret, 0, secret.length, fastHash);
            CachedToken upgraded = entry.withFastVerifier(fastSalt, fastHash);
            cache.asMap().replace(entry.id, entry, upgraded);
            if (hasher.isOutdated(entry.storedAlgorithm) && upgraded.claimRehash()) {
                rehashLater(entry.id, secret.clone());
            }
            return true;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private CachedToken load(String id) {
        Optional<StoredToken> found = store.find(id);
        if (found.isEmpty()) {
            return null;
        }
        StoredToken t = found.get();
        boolean fast = SecretHashing.SHA_256.equals(t.hashAlgorithm());
        return new CachedToken(id, fast ? t.salt() : null, fast ? t.hash() : null, t.hashAlgorithm(), t.salt(),
                t.hash(), t.revoked(), views.principal(t));
    }

    /** Re-hashes a record under the configured algorithm once, off the request path. */
    private void rehashLater(String id, byte[] secret) {
        background.execute(() -> {
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
        });
    }

    private static ValidationResult reject(RejectionReason reason, String id) {
        LOG.debug("token {} rejected: {}", id, reason);
        return new ValidationResult.Rejected(reason, id);
    }

    @Override
    public void invalidate(String id) {
        cache.invalidate(id);
        unknown.invalidate(id);
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
        unknown.invalidateAll();
    }

    /** Per-thread buffers that keep the hot path free of allocation. */
    private static final class Scratch {
        final TokenCodec.Scratch codec = new TokenCodec.Scratch();
        final CredentialDecoder.Located located = new CredentialDecoder.Located();
        final byte[] decoded = new byte[CredentialDecoder.MAX_HEADER_LENGTH];
        final AsciiView view = new AsciiView();
        final MessageDigest sha = SecretHasher.newSha256();
        final byte[] secret = new byte[TokenCodec.SECRET_LENGTH];
        final byte[] digest = new byte[SecretHasher.HASH_LENGTH];
    }
}
