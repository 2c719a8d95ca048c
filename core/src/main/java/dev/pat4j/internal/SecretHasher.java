package dev.pat4j.internal;

import dev.pat4j.hash.SecretHashing;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashes secrets with the configured algorithm and verifies them against any stored algorithm
 * it knows, HMAC records with whichever configured pepper their stored name asks for. Secrets
 * arrive as ASCII bytes in a buffer the caller wipes. Thread-safe.
 *
 * <p>Argon2id records need BouncyCastle; without it they verify as false like any record this
 * hasher cannot compute, and the first one met is logged (once per hasher: a request path must
 * not log per request).
 */
public final class SecretHasher {
    public static final int SALT_LENGTH = 16;
    public static final int HASH_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SecretHasher.class);

    private final SecretHashing configured;
    private final Map<String, byte[]> peppers; // by id, "" for the pepper without one
    private final SecureRandom random;
    private final AtomicBoolean argon2MissingLogged = new AtomicBoolean();

    public SecretHasher(SecretHashing configured, SecureRandom random) {
        this.configured = configured;
        Map<String, byte[]> all = new HashMap<>();
        for (String id : configured.pepperIds()) {
            all.put(id, configured.pepperFor(id));
        }
        this.peppers = Map.copyOf(all);
        this.random = random;
    }

    public String algorithm() {
        return configured.algorithm();
    }

    public byte[] newSalt() {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }

    /** Hashes {@code secret} with the configured algorithm. */
    public byte[] hash(byte[] salt, byte[] secret) {
        return hash(configured.algorithm(), salt, secret);
    }

    /**
     * Whether {@code secret} matches a record hashed with {@code algorithm}; false (never an
     * exception) for an algorithm this hasher cannot compute, such as HMAC without a pepper.
     */
    public boolean verify(String algorithm, byte[] salt, byte[] expected, byte[] secret) {
        byte[] actual;
        try {
            actual = hash(algorithm, salt, secret);
        } catch (IllegalStateException e) {
            return false;
        }
        return MessageDigest.isEqual(actual, expected);
    }

    /** Whether a record of {@code algorithm} should be re-hashed with the configured one. */
    public boolean isOutdated(String algorithm) {
        return !configured.algorithm().equals(algorithm);
    }

    /**
     * SHA-256(salt ‖ secret) into {@code out}; the primitive the cache's fast verifier uses. The
     * digest is reset afterwards: the JDK's {@code digest()} leaves the last block (here, the
     * secret) in the engine's buffer and message schedule until the next use, and a per-thread
     * digest lives as long as its thread. {@code reset()} wipes both.
     */
    public static void sha256(MessageDigest sha, byte[] salt, byte[] secret, int secretOff, int secretLen, byte[] out) {
        try {
            sha.update(salt);
            sha.update(secret, secretOff, secretLen);
            sha.digest(out, 0, HASH_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            sha.reset();
        }
    }

    /** SHA-256 of {@code input[off, off+len)} into {@code out}: salt and secret already in one block; reset as above. */
    public static void sha256(MessageDigest sha, byte[] input, int off, int len, byte[] out) {
        try {
            sha.update(input, off, len);
            sha.digest(out, 0, HASH_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            sha.reset();
        }
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private byte[] hash(String algorithm, byte[] salt, byte[] secret) {
        if (SecretHashing.SHA_256.equals(algorithm)) {
            byte[] out = new byte[HASH_LENGTH];
            sha256(newSha256(), salt, secret, 0, secret.length, out);
            return out;
        }
        String pepperId = SecretHashing.pepperIdOf(algorithm);
        if (pepperId != null) {
            return hmac(pepperId, salt, secret);
        }
        int[] argon = SecretHashing.argon2Parameters(algorithm);
        if (argon != null) {
            if (!BouncyCastle.AVAILABLE) {
                if (argon2MissingLogged.compareAndSet(false, true)) {
                    LOG.warn("tokens hashed with Argon2id are rejected: BouncyCastle is not on the class path; "
                            + "add the dependency {} to verify them", BouncyCastle.DEPENDENCY);
                }
                throw new IllegalStateException(BouncyCastle.missingMessage());
            }
            return Argon2id.hash(argon, salt, secret);
        }
        throw new IllegalStateException("unknown hash algorithm");
    }

    private byte[] hmac(String pepperId, byte[] salt, byte[] secret) {
        byte[] pepper = peppers.get(pepperId);
        if (pepper == null) {
            throw new IllegalStateException("record needs the pepper " + (pepperId.isEmpty() ? "without an id"
                    : "with id " + pepperId) + ", which is not configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            mac.update(salt);
            mac.update(secret);
            return mac.doFinal(); // a Mac of this call only: unreachable, with what its engine holds, on return
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
