package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether the management paths stay flat as the store grows: {@code TokenService.create} (a new
 * owner each time: the policy's count of the owner's active tokens, the insert, the change-feed
 * row) and {@code listByOwner} of one owner's 4 tokens, at 10³, 10⁵ and 10⁶ live tokens, on the
 * in-memory store and on the JDBC store over embedded H2. The store is filled in the setup
 * (H2 through JDBC batches of 1 000 rows), then pat4j is built on it (its filter of live ids read
 * from it). Runs in its own JMH run ({@code run.sh full}); one fork per case.
 *
 * <p>{@code create} is timed in single shots of {@value #CREATES} creates, so a trial adds only
 * {@code (warm-up + measurement iterations) × 20} tokens (300 with the defaults below) to the
 * store it measures; the create path is first warmed on a throwaway store of the same kind so
 * the first shots do not time the interpreter.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScaleBenchmark {
    static final int CREATES = 20;
    private static final int BATCH = 1000;
    private static final int WARM_CREATES = 1000;
    private static final String INSERT = "INSERT INTO pat4j_token (id, owner, name, organization, scopes, created_at,"
            + " created_by, created_via, expires_at, revoked_at, revoked_by, last_used_at, salt, hash, hash_algorithm,"
            + " expiry_notified, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A store of {@code tokens} live tokens (4 per owner) and pat4j over it. */
    @State(Scope.Benchmark)
    public static class Filled {
        @Param({"1000", "100000", "1000000"})
        public int tokens;

        @Param({"memory", "h2"})
        public String store;

        H2Database database;
        Pat4j pat4j;
        String[] owners;
        int created;

        @Setup(Level.Trial)
        public void setup() {
            warmCreatePath();
            TokenStore target = open();
            fill(target, tokens);
            pat4j = BenchmarkDefaults.pat4j(target).build();
            owners = new String[tokens / TokenSet.TOKENS_PER_OWNER];
            int[] order = Cursor.order(owners.length);
            for (int i = 0; i < owners.length; i++) {
                owners[i] = owner(order[i]);
            }
            BenchmarkDefaults.settleHeap();
        }

        private TokenStore open() {
            if (store.equals("memory")) {
                return new InMemoryTokenStore();
            }
            database = new H2Database();
            return database.store;
        }

        /** Creates on a throwaway store of the same kind, so the measured creates run compiled code. */
        private void warmCreatePath() {
            H2Database scratch = store.equals("memory") ? null : new H2Database();
            try (Pat4j warm = BenchmarkDefaults.pat4j(scratch == null ? new InMemoryTokenStore() : scratch.store).build()) {
                for (int i = 0; i < WARM_CREATES; i++) {
                    create(warm, "warm-" + i);
                    warm.tokens().listByOwner("warm-" + (i / 2));
                }
            } finally {
                if (scratch != null) {
                    scratch.close();
                }
            }
        }

        private void fill(TokenStore target, int n) {
            if (database == null) {
                for (int i = 0; i < n; i++) {
                    target.insert(row(i));
                }
            } else {
                try {
                    batchInsert(database, n);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pat4j.close();
            if (database != null) {
                database.close();
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public List<TokenInfo> listOwner(Filled s, Cursor c) {
        return s.pat4j.tokens().listByOwner(s.owners[c.next(s.owners.length)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(CREATES)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public IssuedToken create(Filled s) {
        IssuedToken last = null;
        for (int i = 0; i < CREATES; i++) {
            last = create(s.pat4j, "new-owner-" + s.created++);
        }
        return last;
    }

    static IssuedToken create(Pat4j pat4j, String owner) {
        return pat4j.tokens().create(NewToken.builder(owner, "scale").allOrganizations().lifespan(Duration.ofDays(30))
                .scopes("code:read").build(), Actor.administrator("bench"));
    }

    static String owner(int ownerIndex) {
        return "user-" + ownerIndex;
    }

    private static final byte[] SALT = new byte[16];
    private static final byte[] HASH = new byte[32];
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2099-01-01T00:00:00Z");
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /**
     * The {@code i}-th stored token: a live token of owner {@code i / 4} with a unique id of 12
     * base-62 characters ({@link #id}). Salt and hash are placeholders: nothing here validates
     * these tokens.
     */
    static StoredToken row(int i) {
        return new StoredToken(id(i), owner(i / TokenSet.TOKENS_PER_OWNER), "token " + i,
                i % 10 == 0 ? null : "org-" + (i % TokenSet.ORGANIZATIONS), TokenSet.SCOPES[i % TokenSet.SCOPES.length],
                CREATED.plusSeconds(i), "bench", null, EXPIRES, null, null, null, SALT, HASH, SecretHashing.SHA_256,
                false, 1);
    }

    /** 12 characters: 7 random base-62 from {@code i}'s seed, then {@code i} in base 62 (unique below 62⁵). */
    static String id(int i) {
        char[] id = new char[12];
        SplittableRandom random = new SplittableRandom(20261203L + i);
        for (int k = 0; k < 7; k++) {
            id[k] = ALPHABET[random.nextInt(62)];
        }
        int v = i;
        for (int k = 11; k >= 7; k--) {
            id[k] = ALPHABET[v % 62];
            v /= 62;
        }
        return new String(id);
    }

    /** Inserts rows {@code 0..n-1} through JDBC batches, committed every batch. */
    static void batchInsert(H2Database database, int n) throws SQLException {
        try (Connection c = database.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 0; i < n; i++) {
                    bind(ps, row(i));
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0 || i == n - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
        }
    }

    private static void bind(PreparedStatement ps, StoredToken t) throws SQLException {
        int i = 1;
        ps.setString(i++, t.id());
        ps.setString(i++, t.owner());
        ps.setString(i++, t.name());
        ps.setString(i++, t.organization());
        ps.setString(i++, t.scopes());
        ps.setObject(i++, OffsetDateTime.ofInstant(t.createdAt(), ZoneOffset.UTC));
        ps.setString(i++, t.createdBy());
        ps.setString(i++, t.createdVia());
        ps.setObject(i++, OffsetDateTime.ofInstant(t.expiresAt(), ZoneOffset.UTC));
        ps.setObject(i++, null);
        ps.setString(i++, null);
        ps.setObject(i++, null);
        ps.setBytes(i++, t.salt());
        ps.setBytes(i++, t.hash());
        ps.setString(i++, t.hashAlgorithm());
        ps.setBoolean(i++, t.expiryNotified());
        ps.setLong(i, t.version());
    }
}
