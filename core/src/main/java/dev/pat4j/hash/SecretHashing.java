package dev.pat4j.hash;

import dev.pat4j.internal.BouncyCastle;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How secrets are hashed for storage: SHA-256 of salt ‖ secret (default), HMAC-SHA-256 keyed
 * with an application pepper, or Argon2id for policies that demand a slow hash. Each stored
 * record names its algorithm, so the choice can change later; older records are re-hashed
 * on their next successful use. {@code toString()} never shows the pepper. Immutable.
 *
 * <p>Argon2id is computed by BouncyCastle, an optional dependency of pat4j-core: an application
 * that chooses it adds {@code org.bouncycastle:bcprov-jdk18on}. SHA-256 and HMAC-SHA-256 need
 * nothing but the JDK, and without BouncyCastle never load any of its classes.
 */
public final class SecretHashing {
    /** Stored name of SHA-256(salt ‖ secret). */
    public static final String SHA_256 = "sha256";
    /** Stored name of HMAC-SHA-256(pepper, salt ‖ secret). */
    public static final String HMAC_SHA_256 = "hmac-sha256";
    /** Stored name prefix of Argon2id; parameters follow, e.g. {@code argon2id$m=19456,t=2,p=1}. */
    public static final String ARGON2ID = "argon2id";

    private static final Pattern ARGON2_NAME = Pattern.compile("argon2id\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})");

    private final String algorithm;
    private final byte[] pepper;

    private SecretHashing(String algorithm, byte[] pepper) {
        this.algorithm = algorithm;
        this.pepper = pepper;
    }

    /** SHA-256 of a 16-byte random salt and the secret: one compression, the default. */
    public static SecretHashing sha256() {
        return new SecretHashing(SHA_256, null);
    }

    /**
     * HMAC-SHA-256 keyed with {@code pepper}, which lives in the application's configuration and
     * never in the store, so a stolen database alone cannot even confirm a guess.
     *
     * @throws IllegalArgumentException if the pepper is shorter than 32 bytes
     */
    public static SecretHashing hmacSha256(byte[] pepper) {
        if (pepper == null || pepper.length < 32) {
            throw new IllegalArgumentException("pepper must be at least 32 bytes");
        }
        return new SecretHashing(HMAC_SHA_256, pepper.clone());
    }

    /**
     * Argon2id with OWASP's recommended minimum: 19 MiB, 2 iterations, 1 lane.
     *
     * @throws IllegalStateException if BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) is not on the class path
     */
    public static SecretHashing argon2id() {
        return argon2id(19_456, 2, 1);
    }

    /**
     * Argon2id with explicit parameters.
     *
     * @throws IllegalArgumentException if a parameter is out of its sane range
     * @throws IllegalStateException if BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) is not on
     *         the class path: said now, at configuration, rather than on the first token created
     */
    public static SecretHashing argon2id(int memoryKiB, int iterations, int parallelism) {
        if (memoryKiB < 8 * parallelism || memoryKiB > 4_194_304) {
            throw new IllegalArgumentException("argon2id memory must be between 8*parallelism and 4 GiB (in KiB)");
        }
        if (iterations < 1 || iterations > 100) {
            throw new IllegalArgumentException("argon2id iterations must be between 1 and 100");
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("argon2id parallelism must be between 1 and 64");
        }
        if (!BouncyCastle.AVAILABLE) {
            throw new IllegalStateException(BouncyCastle.missingMessage());
        }
        return new SecretHashing(ARGON2ID + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism, null);
    }

    /**
     * This configuration, also holding the pepper of an earlier HMAC-SHA-256 configuration: records
     * hashed with it keep verifying, and are re-hashed to this algorithm on their next use. Without
     * it, moving away from HMAC would lock out every token hashed before the move.
     *
     * @throws IllegalArgumentException if the pepper is shorter than 32 bytes
     * @throws IllegalStateException if this configuration is HMAC already (it has its pepper)
     */
    public SecretHashing withLegacyPepper(byte[] pepper) {
        if (HMAC_SHA_256.equals(algorithm)) {
            throw new IllegalStateException("an HMAC configuration already has its pepper");
        }
        return new SecretHashing(algorithm, hmacSha256(pepper).pepper);
    }

    /** The algorithm name stored with each record hashed by this configuration. */
    public String algorithm() {
        return algorithm;
    }

    /** The pepper, or null when there is none. A copy: the caller may wipe it. */
    public byte[] pepper() {
        return pepper == null ? null : pepper.clone();
    }

    /**
     * The Argon2id parameters {memoryKiB, iterations, parallelism} of a stored algorithm name,
     * or null if the name is not a well-formed Argon2id name.
     */
    public static int[] argon2Parameters(String algorithm) {
        if (algorithm == null) {
            return null;
        }
        Matcher m = ARGON2_NAME.matcher(algorithm);
        if (!m.matches()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretHashing h && h.algorithm.equals(algorithm) && Arrays.equals(h.pepper, pepper);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode();
    }

    @Override
    public String toString() {
        return "SecretHashing[" + algorithm + (pepper == null ? "" : ", pepper=<redacted>") + "]";
    }
}
