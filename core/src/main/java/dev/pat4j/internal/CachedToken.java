package dev.pat4j.internal;

import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.ValidationResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * What the validation cache keeps for one token id: a fast verifier (SHA-256 of a 16-byte salt
 * and the secret, never the secret), state, expiry, when it was loaded, and the ready-made result
 * returned on success so the hot path allocates nothing for it.
 *
 * <p>Laid out for a cache of 100 k random ids, where a hit's cost is its chain of cache-line
 * misses: an entry is its own key (it extends {@link TokenKey}, and the cache maps each entry to
 * itself), so finding the key and reading the verifier touch the same object; the salt and hash
 * live in six {@code long} fields rather than two arrays; the token id and organization are read
 * from the principal rather than copied. Records not stored as SHA-256 carry their stored salt,
 * hash and algorithm in {@link #stored} until a first successful slow verification replaces the
 * entry with a fast one.
 *
 * <p>What the token's owner may do (read from the application's owner directory at load) is kept
 * as flags and in the principal, whose scopes are already narrowed to the owner's: a hit neither
 * asks the directory nor reads anything more than before. The one case that needs more, an
 * all-organization token whose owner may act only in some organizations, is an
 * {@link OrganizationLimited} entry, so every other entry keeps its size.
 *
 * <p>An entry is created empty as the key of the cache's atomic compute and filled once inside
 * it, before the cache publishes it; it never changes after that (but for the last-touched time
 * and the re-hash claim), so its fields need not be final to be read safely through the cache.
 */
class CachedToken extends TokenKey {
    static final int FAST_SALT_LENGTH = 16;
    static final int BLOCK_LENGTH = FAST_SALT_LENGTH + TokenCodec.SECRET_LENGTH;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final AtomicIntegerFieldUpdater<CachedToken> FLAGS =
            AtomicIntegerFieldUpdater.newUpdater(CachedToken.class, "flags");
    /** Flags of {@link #state()}: the token was revoked. */
    static final int REVOKED = 1;
    private static final int OUTDATED = 2;
    private static final int REHASH_CLAIMED = 4;
    /** Flags of {@link #state()}: the token is bound to one organization. */
    static final int BOUND = 8;
    /** Flags of {@link #state()}: the owner is not active. */
    static final int OWNER_INACTIVE = 16;
    /** Flags of {@link #state()}: the token is bound to an organization its owner may no longer act in. */
    static final int ORGANIZATION_WITHDRAWN = 32;
    /** Flags of {@link #state()}: an all-organization token whose owner may act only in some ({@link OrganizationLimited}). */
    static final int ORGANIZATIONS_LIMITED = 64;
    /** The flags fill takes from the owner's rights. */
    static final int OWNER_FLAGS = OWNER_INACTIVE | ORGANIZATION_WITHDRAWN;

    ValidationResult.Authenticated authenticated;
    StoredSecret stored;                   // null once a fast verifier exists
    long expiresAtMillis;
    long loadedAtMillis;
    private long salt0;
    private long salt1;
    private long hash0;
    private long hash1;
    private long hash2;
    private long hash3;
    volatile long lastTouchedMillis = Long.MIN_VALUE;
    private volatile int flags;            // set by fill but REHASH_CLAIMED, which is set once, later

    /** An empty entry for {@code key}, to be filled inside the cache's compute. */
    CachedToken(TokenKey key) {
        super(key.hi, key.lo);
    }

    /**
     * Fills this entry from a stored record: with a fast verifier at once when the record is
     * SHA-256 with a 16-byte salt and a 32-byte hash (the default), otherwise with the stored
     * salt, hash and algorithm for a slow check.
     */
    CachedToken fill(TokenPrincipal principal, boolean revoked, boolean outdated, long loadedAt, String algorithm,
                     byte[] salt, byte[] hash, boolean sha256) {
        return fill(principal, 0, revoked, outdated, loadedAt, algorithm, salt, hash, sha256);
    }

    /** {@link #fill} with {@code ownerFlags} (of {@link #OWNER_FLAGS}) from the owner's rights. */
    CachedToken fill(TokenPrincipal principal, int ownerFlags, boolean revoked, boolean outdated, long loadedAt,
                     String algorithm, byte[] salt, byte[] hash, boolean sha256) {
        if (sha256 && salt.length == FAST_SALT_LENGTH && hash.length == SecretHasher.HASH_LENGTH) {
            return fill(principal, ownerFlags, revoked, outdated, loadedAt, salt, hash, null);
        }
        return fill(principal, ownerFlags, revoked, outdated, loadedAt, null, null,
                new StoredSecret(algorithm, salt, hash));
    }

    private CachedToken fill(TokenPrincipal principal, int ownerFlags, boolean revoked, boolean outdated,
                             long loadedAt, byte[] fastSalt, byte[] fastHash, StoredSecret storedSecret) {
        this.authenticated = new ValidationResult.Authenticated(principal);
        this.stored = storedSecret;
        this.expiresAtMillis = principal.expiresAt().toEpochMilli();
        this.loadedAtMillis = loadedAt;
        if (storedSecret == null) {
            salt0 = (long) LONGS.get(fastSalt, 0);
            salt1 = (long) LONGS.get(fastSalt, 8);
            hash0 = (long) LONGS.get(fastHash, 0);
            hash1 = (long) LONGS.get(fastHash, 8);
            hash2 = (long) LONGS.get(fastHash, 16);
            hash3 = (long) LONGS.get(fastHash, 24);
        }
        this.flags = (revoked ? REVOKED : 0) | (outdated ? OUTDATED : 0)
                | (principal.organization() != null ? BOUND : 0) | (ownerFlags & OWNER_FLAGS)
                | (this instanceof OrganizationLimited ? ORGANIZATIONS_LIMITED : 0);
        return this;
    }

    /**
     * The flags, read once: the hot path tests {@link #REVOKED}, {@link #BOUND} and the owner's
     * flags in the value it read rather than reading the field (or the principal) again for each.
     */
    int state() {
        return flags;
    }

    String id() {
        return authenticated.principal().tokenId();
    }

    String organization() {
        return authenticated.principal().organization();
    }

    boolean revoked() {
        return (flags & REVOKED) != 0;
    }

    /** Whether the stored record uses another algorithm than the configured one. */
    boolean outdated() {
        return (flags & OUTDATED) != 0;
    }

    boolean hasFastVerifier() {
        return stored == null;
    }

    /** Writes the verifier's salt into {@code block[0..16)}; the caller puts the secret after it. */
    void writeSalt(byte[] block) {
        LONGS.set(block, 0, salt0);
        LONGS.set(block, 8, salt1);
    }

    /**
     * Constant-time check of SHA-256({@code block}) against the verifier: the four words are
     * compared with XOR and OR, with no branch on their content.
     */
    boolean matchesFast(MessageDigest sha, byte[] block, byte[] digest) {
        SecretHasher.sha256(sha, block, 0, BLOCK_LENGTH, digest);
        long diff = ((long) LONGS.get(digest, 0) ^ hash0) | ((long) LONGS.get(digest, 8) ^ hash1)
                | ((long) LONGS.get(digest, 16) ^ hash2) | ((long) LONGS.get(digest, 24) ^ hash3);
        return diff == 0;
    }

    /** True for the one caller that gets to re-hash this token's stored record. */
    boolean claimRehash() {
        while (true) {
            int current = flags;
            if ((current & REHASH_CLAIMED) != 0) {
                return false;
            }
            if (FLAGS.compareAndSet(this, current, current | REHASH_CLAIMED)) {
                return true;
            }
        }
    }

    /**
     * Whether the owner may act in {@code organization} with this all-organization token: always,
     * but for an {@link OrganizationLimited} entry.
     */
    boolean ownerMayActIn(String organization) {
        return true;
    }

    /** A new entry for the same token with a fast verifier, after a slow verification succeeded. */
    CachedToken withFastVerifier(byte[] salt, byte[] hash) {
        return emptyCopy().fill(authenticated.principal(), flags & OWNER_FLAGS, revoked(), outdated(), loadedAtMillis,
                salt, hash, null);
    }

    /** An empty entry of this entry's kind for the same key. */
    CachedToken emptyCopy() {
        return new CachedToken(this);
    }

    @Override
    public String toString() {
        return "CachedToken[" + super.toString() + "]";
    }

    /**
     * The entry of an all-organization token whose owner may act only in {@code organizations}:
     * requests in any other organization are refused. Rare (most owners of all-organization tokens
     * may act everywhere), so the set lives here rather than in a field of every entry.
     */
    static final class OrganizationLimited extends CachedToken {
        private final Set<String> organizations;

        OrganizationLimited(TokenKey key, Set<String> organizations) {
            super(key);
            this.organizations = Set.copyOf(organizations);
        }

        @Override
        boolean ownerMayActIn(String organization) {
            return organizations.contains(organization);
        }

        @Override
        CachedToken emptyCopy() {
            return new OrganizationLimited(this, organizations);
        }
    }

    /** A stored record's salt, hash and algorithm, kept only until a fast verifier replaces them. */
    record StoredSecret(String algorithm, byte[] salt, byte[] hash) {
        @Override
        public String toString() {
            return "StoredSecret[" + algorithm + "]";
        }
    }
}
