package dev.pat4j.hash;

import dev.pat4j.internal.BouncyCastle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How secrets are hashed for storage: SHA-256 of salt ‖ secret (default), HMAC-SHA-256 keyed
 * with an application pepper, or Argon2id for policies that demand a slow hash. Each stored
 * record names its algorithm, so the choice can change later; older records are re-hashed
 * on their next successful use. {@code toString()} never shows a pepper. Immutable.
 *
 * <p><b>Pepper ids.</b> A pepper created with an id ({@link #hmacSha256(String, byte[])}) is
 * named in the stored algorithm of every record it hashes, as in {@code hmac-sha256$kid=2024a},
 * so that it can be rotated: configure the new pepper with a new id and keep the old one with
 * {@link #withPreviousPepper}; records of the old id keep verifying and are re-hashed under the
 * new one on their next use. A pepper without an id ({@link #hmacSha256(byte[])}) hashes
 * records named plain {@code hmac-sha256}; {@link #withLegacyPepper} keeps that one.
 *
 * <p>Argon2id is computed by BouncyCastle, an optional dependency of pat4j-core: an application
 * that chooses it adds {@code org.bouncycastle:bcprov-jdk18on}. SHA-256 and HMAC-SHA-256 need
 * nothing but the JDK, and without BouncyCastle never load any of its classes.
 */
public final class SecretHashing {
    /** Stored name of SHA-256(salt ‖ secret). */
    public static final String SHA_256 = "sha256";
    /** Stored name of HMAC-SHA-256(pepper, salt ‖ secret) with a pepper that has no id. */
    public static final String HMAC_SHA_256 = "hmac-sha256";
    /** Stored name prefix of Argon2id; parameters follow, e.g. {@code argon2id$m=19456,t=2,p=1}. */
    public static final String ARGON2ID = "argon2id";
    /** What follows {@code hmac-sha256} in the stored name of a record hashed with a named pepper. */
    public static final String PEPPER_ID_MARK = "$kid=";
    /** The id of the pepper that has none ({@link #hmacSha256(byte[])}, {@link #withLegacyPepper}). */
    public static final String UNNAMED_PEPPER = "";

    private static final Pattern ARGON2_NAME = Pattern.compile("argon2id\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})");
    private static final Pattern PEPPER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    private final String algorithm;
    private final byte @Nullable [] pepper;           // the current pepper, else the legacy one (as pepper() says)
    private final @Nullable String pepperId;         // the current pepper's id; null: none, or unnamed
    private final Map<String, byte[]> peppers;      // every pepper records may name, by id; sorted

    private SecretHashing(String algorithm, byte @Nullable [] pepper, @Nullable String pepperId,
                          Map<String, byte[]> peppers) {
        this.algorithm = algorithm;
        this.pepper = pepper;
        this.pepperId = pepperId;
        this.peppers = peppers;
    }

    /** SHA-256 of a 16-byte random salt and the secret: one compression, the default. */
    public static SecretHashing sha256() {
        return new SecretHashing(SHA_256, null, null, Map.of());
    }

    /**
     * HMAC-SHA-256 keyed with {@code pepper}, which lives in the application's configuration and
     * never in the store, so a stolen database alone cannot even confirm a guess. The pepper has
     * no id: prefer {@link #hmacSha256(String, byte[])}, which can be rotated.
     *
     * @throws IllegalArgumentException if the pepper is shorter than 32 bytes
     */
    public static SecretHashing hmacSha256(byte[] pepper) {
        byte[] copy = checkedPepper(pepper);
        return new SecretHashing(HMAC_SHA_256, copy, null, sorted(Map.of(UNNAMED_PEPPER, copy)));
    }

    /**
     * HMAC-SHA-256 keyed with {@code pepper}, whose id is stored with every record it hashes
     * ({@code hmac-sha256$kid=<id>}), so that the pepper can be rotated.
     *
     * @param pepperId 1 to 32 characters: letters, digits, {@code .}, {@code _}, {@code -}, starting with a
     *     letter or digit; not secret (it is stored beside each hash)
     * @throws IllegalArgumentException if the id is malformed or the pepper shorter than 32 bytes
     */
    public static SecretHashing hmacSha256(String pepperId, byte[] pepper) {
        requirePepperId(pepperId);
        byte[] copy = checkedPepper(pepper);
        return new SecretHashing(HMAC_SHA_256 + PEPPER_ID_MARK + pepperId, copy, pepperId,
                sorted(Map.of(pepperId, copy)));
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
        return new SecretHashing(ARGON2ID + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism, null,
                null, Map.of());
    }

    /**
     * This configuration, also holding the pepper of an earlier HMAC-SHA-256 configuration whose
     * pepper had no id: records hashed with it keep verifying, and are re-hashed to this
     * algorithm on their next use. Without it, moving away from HMAC would lock out every token
     * hashed before the move.
     *
     * @throws IllegalArgumentException if the pepper is shorter than 32 bytes
     * @throws IllegalStateException if this configuration has a pepper without an id already
     */
    public SecretHashing withLegacyPepper(byte[] pepper) {
        if (peppers.containsKey(UNNAMED_PEPPER)) {
            throw new IllegalStateException("this configuration has its pepper without an id already");
        }
        byte[] copy = checkedPepper(pepper);
        Map<String, byte[]> all = new TreeMap<>(peppers);
        all.put(UNNAMED_PEPPER, copy);
        return new SecretHashing(algorithm, this.pepper != null ? this.pepper : copy, pepperId, sorted(all));
    }

    /**
     * This configuration, also holding an earlier pepper and its id: records that name it
     * ({@code hmac-sha256$kid=<id>}) keep verifying, and are re-hashed with this configuration
     * on their next use. This is how a pepper is rotated.
     *
     * @throws IllegalArgumentException if the id is malformed or already held, or the pepper shorter than 32 bytes
     */
    public SecretHashing withPreviousPepper(String previousId, byte[] previousPepper) {
        requirePepperId(previousId);
        if (peppers.containsKey(previousId)) {
            throw new IllegalArgumentException("pepper id '" + previousId + "' is held twice");
        }
        Map<String, byte[]> all = new TreeMap<>(peppers);
        all.put(previousId, checkedPepper(previousPepper));
        return new SecretHashing(algorithm, pepper, pepperId, sorted(all));
    }

    /** The algorithm name stored with each record hashed by this configuration. */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The pepper new records are hashed with, else the one {@link #withLegacyPepper} added, else
     * null. A copy: the caller may wipe it.
     */
    public byte @Nullable [] pepper() {
        return pepper == null ? null : pepper.clone();
    }

    /** The id of the pepper new records are hashed with; null when it has none or there is no pepper. */
    public @Nullable String pepperId() {
        return pepperId;
    }

    /**
     * The ids of every pepper this configuration can verify records with, sorted: the current
     * one, the previous ones, and {@link #UNNAMED_PEPPER} for a pepper without an id.
     */
    public Set<String> pepperIds() {
        return peppers.keySet();
    }

    /** The pepper with id {@code id} ({@link #UNNAMED_PEPPER} for the one without), or null; a copy. */
    public byte @Nullable [] pepperFor(String id) {
        byte[] p = peppers.get(id);
        return p == null ? null : p.clone();
    }

    /**
     * The id of the pepper a stored algorithm name needs: {@link #UNNAMED_PEPPER} for
     * {@code hmac-sha256}, the id for {@code hmac-sha256$kid=<id>}, null for a name that needs
     * no pepper or is not well formed.
     */
    public static @Nullable String pepperIdOf(@Nullable String storedAlgorithm) {
        if (storedAlgorithm == null || !storedAlgorithm.startsWith(HMAC_SHA_256)) {
            return null;
        }
        if (storedAlgorithm.equals(HMAC_SHA_256)) {
            return UNNAMED_PEPPER;
        }
        String rest = storedAlgorithm.substring(HMAC_SHA_256.length());
        if (!rest.startsWith(PEPPER_ID_MARK)) {
            return null;
        }
        String id = rest.substring(PEPPER_ID_MARK.length());
        return PEPPER_ID.matcher(id).matches() ? id : null;
    }

    /**
     * A stored algorithm name without its pepper id: {@code hmac-sha256} for
     * {@code hmac-sha256$kid=2024a}; every other name as it is.
     */
    public static String withoutPepperId(String storedAlgorithm) {
        String id = pepperIdOf(storedAlgorithm);
        return id == null ? storedAlgorithm : HMAC_SHA_256;
    }

    /** Whether {@code id} is a well-formed pepper id (see {@link #hmacSha256(String, byte[])}). */
    public static boolean isValidPepperId(@Nullable String id) {
        return id != null && PEPPER_ID.matcher(id).matches();
    }

    /**
     * The Argon2id parameters {memoryKiB, iterations, parallelism} of a stored algorithm name,
     * or null if the name is not a well-formed Argon2id name.
     */
    public static int @Nullable [] argon2Parameters(@Nullable String algorithm) {
        if (algorithm == null) {
            return null;
        }
        Matcher m = ARGON2_NAME.matcher(algorithm);
        if (!m.matches()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private static void requirePepperId(@Nullable String id) {
        if (!isValidPepperId(id)) {
            throw new IllegalArgumentException("a pepper id is 1 to 32 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit");
        }
    }

    private static byte[] checkedPepper(byte @Nullable [] pepper) {
        if (pepper == null || pepper.length < 32) {
            throw new IllegalArgumentException("pepper must be at least 32 bytes");
        }
        return pepper.clone();
    }

    private static Map<String, byte[]> sorted(Map<String, byte[]> peppers) {
        return Collections.unmodifiableMap(new TreeMap<>(peppers));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof SecretHashing h) || !h.algorithm.equals(algorithm) || !Arrays.equals(h.pepper, pepper)
                || !h.peppers.keySet().equals(peppers.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : peppers.entrySet()) {
            if (!Arrays.equals(e.getValue(), h.peppers.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode();
    }

    /** The algorithm and the ids of the peppers held (ids are not secret), never a pepper. */
    @Override
    public String toString() {
        if (peppers.isEmpty()) {
            return "SecretHashing[" + algorithm + "]";
        }
        List<String> ids = new ArrayList<>();
        for (String id : peppers.keySet()) {
            ids.add(id.isEmpty() ? "(no id)" : id);
        }
        return "SecretHashing[" + algorithm + ", pepper=<redacted>, pepper ids " + ids + "]";
    }
}
