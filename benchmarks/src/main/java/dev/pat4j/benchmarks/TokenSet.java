package dev.pat4j.benchmarks;

import dev.pat4j.hash.SecretHashing;
import dev.pat4j.internal.SecretHasher;
import dev.pat4j.internal.TokenCodec;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The same tokens for every benchmark of a run: {@code size} live tokens generated from a fixed
 * seed, with everything each benchmark needs precomputed (headers, stored records, the bytes the
 * floor primitives work on), plus token-shaped rejects. Deterministic, so every fork and every
 * benchmark sees identical inputs.
 */
public final class TokenSet {
    /** How many distinct unknown ids the unknown-id rejection cycles through (fits the negative cache). */
    public static final int UNKNOWN_IDS = 1024;
    static final String PREFIX = "pat";
    static final String[] SCOPES = {
        "code:read", "code:write", "build:read build:execute", "packaging:read",
        "code:read workitems:read", "project:read release:read", "code:manage build:read", "workitems:write",
    };
    static final int ORGANIZATIONS = 16;
    static final int TOKENS_PER_OWNER = 4;

    public final int size;
    public final String[] tokens;
    public final String[] ids;
    public final String[] bearer;
    public final String[] basic;
    /** Each token with one checksum digit changed: well-formed, wrong checksum. */
    public final String[] badChecksum;
    /** Well-formed tokens with a correct checksum whose ids are in no store. */
    public final String[] unknown;
    public final StoredToken[] stored;
    /** Floor inputs: the base64 text of each Basic payload, as bytes. */
    public final byte[][] basicPayload;
    /** Floor inputs: the checksummed part of each token, as ASCII. */
    public final byte[][] body;
    public final byte[][] secret;
    public final byte[][] salt;
    public final byte[][] hash;
    public final Instant createdAt;
    public final Instant expiresAt;

    private TokenSet(int size) {
        this.size = size;
        tokens = new String[size];
        ids = new String[size];
        bearer = new String[size];
        basic = new String[size];
        badChecksum = new String[size];
        unknown = new String[UNKNOWN_IDS];
        stored = new StoredToken[size];
        basicPayload = new byte[size][];
        body = new byte[size][];
        secret = new byte[size][];
        salt = new byte[size][];
        hash = new byte[size][];
        createdAt = Instant.parse("2026-01-01T00:00:00Z");
        expiresAt = Instant.now().plus(Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** {@code size} tokens from a fixed seed. */
    public static TokenSet generate(int size) {
        TokenSet set = new TokenSet(size);
        SecureRandom random = seeded(20261129L + size);
        TokenCodec codec = new TokenCodec(PREFIX);
        SecretHasher hasher = new SecretHasher(SecretHashing.sha256(), random);
        int secretStart = codec.secretStart();
        int checksumStart = secretStart + TokenCodec.SECRET_LENGTH;
        for (int i = 0; i < size; i++) {
            String token = codec.generate(random);
            String id = token.substring(secretStart - TokenCodec.ID_LENGTH, secretStart);
            byte[] secret = new byte[TokenCodec.SECRET_LENGTH];
            codec.copySecret(token, 0, secret, 0);
            byte[] salt = hasher.newSalt();
            byte[] hash = hasher.hash(salt, secret);
            String basicPayload = Base64.getEncoder().encodeToString(("ci:" + token).getBytes(StandardCharsets.UTF_8));
            set.tokens[i] = token;
            set.ids[i] = id;
            set.bearer[i] = "Bearer " + token;
            set.basic[i] = "Basic " + basicPayload;
            set.badChecksum[i] = "Bearer " + withWrongChecksum(token);
            set.basicPayload[i] = basicPayload.getBytes(StandardCharsets.US_ASCII);
            set.body[i] = token.substring(0, checksumStart).getBytes(StandardCharsets.US_ASCII);
            set.secret[i] = secret;
            set.salt[i] = salt;
            set.hash[i] = hash;
            set.stored[i] = new StoredToken(id, "user-" + (i / TOKENS_PER_OWNER), "token " + i,
                    i % 10 == 0 ? null : "org-" + (i % ORGANIZATIONS), SCOPES[i % SCOPES.length], set.createdAt,
                    "user-" + (i / TOKENS_PER_OWNER), set.expiresAt, null, null, null, salt, hash,
                    SecretHashing.SHA_256, false, 1);
        }
        SecureRandom other = seeded(-size);
        for (int i = 0; i < UNKNOWN_IDS; i++) {
            set.unknown[i] = "Bearer " + codec.generate(other);
        }
        return set;
    }

    /**
     * {@code count} forged Bearer headers: well-formed tokens with a correct checksum and random
     * ids that no store holds (what a forger who knows the format makes), from {@code seed}. A
     * check of one passes the checksum and reaches the id lookup.
     */
    public static List<String> forgedBearer(int count, long seed) {
        TokenCodec codec = new TokenCodec(PREFIX);
        SecureRandom random = seeded(seed);
        List<String> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add("Bearer " + codec.generate(random));
        }
        return headers;
    }

    /** Inserts every stored record into {@code store}. */
    public void insertInto(TokenStore store) {
        for (StoredToken t : stored) {
            store.insert(t);
        }
    }

    private static String withWrongChecksum(String token) {
        char last = token.charAt(token.length() - 1);
        char changed = last == '0' ? '1' : '0';
        return token.substring(0, token.length() - 1) + changed;
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed); // before any output: the stream is fully determined by the seed
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
