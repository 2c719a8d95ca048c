package dev.pat4j.internal;

import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.ValidationResult;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * What the validation cache keeps for one token id: a fast verifier (SHA-256 of a salt and
 * the secret, never the secret), state, expiry and organization, and the ready-made result
 * returned on success so the hot path allocates nothing for it.
 */
final class CachedToken {
    final String id;
    final byte[] fastSalt;        // null until verified once when the stored hash is slow
    final byte[] fastHash;
    final String storedAlgorithm;
    final byte[] storedSalt;
    final byte[] storedHash;
    final boolean revoked;
    final long expiresAtMillis;
    final String organization;
    final ValidationResult.Authenticated authenticated;
    private static final AtomicIntegerFieldUpdater<CachedToken> REHASH_CLAIMED =
            AtomicIntegerFieldUpdater.newUpdater(CachedToken.class, "rehashClaimed");

    volatile long lastTouchedMillis = Long.MIN_VALUE;
    private volatile int rehashClaimed;

    CachedToken(String id, byte[] fastSalt, byte[] fastHash, String storedAlgorithm, byte[] storedSalt,
                byte[] storedHash, boolean revoked, TokenPrincipal principal) {
        this.id = id;
        this.fastSalt = fastSalt;
        this.fastHash = fastHash;
        this.storedAlgorithm = storedAlgorithm;
        this.storedSalt = storedSalt;
        this.storedHash = storedHash;
        this.revoked = revoked;
        this.expiresAtMillis = principal.expiresAt().toEpochMilli();
        this.organization = principal.organization();
        this.authenticated = new ValidationResult.Authenticated(principal);
    }

    boolean hasFastVerifier() {
        return fastHash != null;
    }

    /** Constant-time check of the secret against the fast verifier. */
    boolean matchesFast(MessageDigest sha, byte[] secret, byte[] digest) {
        SecretHasher.sha256(sha, fastSalt, secret, 0, secret.length, digest);
        return MessageDigest.isEqual(digest, fastHash);
    }

    /** True for the one caller that gets to re-hash this token's stored record. */
    boolean claimRehash() {
        return REHASH_CLAIMED.compareAndSet(this, 0, 1);
    }

    /** This entry with a fast verifier, after a slow verification succeeded. */
    CachedToken withFastVerifier(byte[] salt, byte[] hash) {
        return new CachedToken(id, salt, hash, storedAlgorithm, storedSalt, storedHash, revoked,
                authenticated.principal());
    }

    @Override
    public String toString() {
        return "CachedToken[" + id + "]";
    }
}
