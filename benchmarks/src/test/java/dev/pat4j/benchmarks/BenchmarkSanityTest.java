package dev.pat4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.exceptions.SignatureVerificationException;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark's state sets up, and a few invocations of every benchmark method return what
 * the benchmark claims to measure, so a broken benchmark fails the build rather than producing a
 * number. Small token sets; no timing.
 */
class BenchmarkSanityTest {
    private static final int TOKENS = 1000;

    @Test
    void floorPrimitivesComputeOnTheSetsInputs() {
        FloorBenchmark bench = new FloorBenchmark();
        FloorBenchmark.Inputs in = new FloorBenchmark.Inputs();
        in.tokens = TOKENS;
        in.setup();
        FloorBenchmark.Scratch s = new FloorBenchmark.Scratch();
        Cursor c = new Cursor();
        int[] order = Cursor.order(TOKENS);
        assertThat(bench.base64Decode(in, s, c)).isEqualTo(("ci:" + in.set.tokens[order[0]]).length());
        assertThat(bench.crc32(in, s, c)).isPositive();
        assertThat(bench.sha256(in, s, c)).isEqualTo(in.set.hash[order[2]]);
        assertThat(bench.constantTimeEquals(in, c)).isTrue();
        assertThat(bench.mapGet(in, c)).isNotNull();
        assertThat(bench.clockMillis()).isPositive();
    }

    @Test
    void requestsAreFreshCopiesOfTheTokenAtEachPosition() {
        TokenSet set = TokenSet.generate(TOKENS);
        Requests requests = Requests.of(set);
        for (int p = 0; p < TOKENS; p++) {
            int i = requests.token[p];
            assertThat(requests.bearer[p]).isEqualTo(set.bearer[i]).isNotSameAs(set.bearer[i]);
            assertThat(requests.badChecksum[p]).isEqualTo(set.badChecksum[i]);
            assertThat(requests.id[p]).isEqualTo(set.ids[i]).isNotSameAs(set.ids[i]);
            assertThat(requests.secret[p]).isEqualTo(set.secret[i]);
            assertThat(requests.digest[p]).isEqualTo(set.hash[i]);
        }
        assertThat(requests.token).doesNotHaveDuplicates().hasSize(TOKENS);
    }

    @Test
    void pat4jPathsReturnTheirKindOfResult() {
        Pat4jBenchmark bench = new Pat4jBenchmark();
        Pat4jBenchmark.Validator v = new Pat4jBenchmark.Validator();
        v.tokens = TOKENS;
        v.setup();
        try {
            Cursor c = new Cursor();
            for (int i = 0; i < 3; i++) {
                assertThat(bench.hitBearer(v, c)).isInstanceOf(ValidationResult.Authenticated.class);
                assertThat(bench.hitBearerTwoThreads(v, c)).isInstanceOf(ValidationResult.Authenticated.class);
                assertThat(bench.hitBasic(v, c)).isInstanceOf(ValidationResult.Authenticated.class);
                assertThat(bench.miss(v, c)).isInstanceOf(ValidationResult.Authenticated.class);
                assertThat(bench.rejectChecksum(v, c)).isEqualTo(rejected(RejectionReason.BAD_CHECKSUM, null));
                assertThat(bench.rejectUnknown(v, c)).extracting(r -> ((ValidationResult.Rejected) r).reason())
                        .isEqualTo(RejectionReason.UNKNOWN);
            }
        } finally {
            v.tearDown();
        }
    }

    @Test
    void aChecksumRejectionReachesNeitherTheStoreNorTheCache() {
        TokenSet set = TokenSet.generate(10);
        CountingStore store = new CountingStore(new InMemoryTokenStore());
        try (WarmPat4j warm = new WarmPat4j(set, store)) {
            int reads = store.findCalls();
            for (String header : set.badChecksum) {
                assertThat(warm.validator.check(header)).isEqualTo(rejected(RejectionReason.BAD_CHECKSUM, null));
            }
            assertThat(store.findCalls()).isEqualTo(reads);
        }
    }

    @Test
    void jdbcPathsReturnTheirKindOfResult() {
        JdbcBenchmark bench = new JdbcBenchmark();
        JdbcBenchmark.JdbcValidator v = new JdbcBenchmark.JdbcValidator();
        v.tokens = TOKENS;
        v.setup();
        try {
            Cursor c = new Cursor();
            for (int i = 0; i < 3; i++) {
                assertThat(bench.jdbcHitBearer(v, c)).isInstanceOf(ValidationResult.Authenticated.class);
                assertThat(bench.jdbcMiss(v, c)).isInstanceOf(ValidationResult.Authenticated.class);
            }
        } finally {
            v.tearDown();
        }
    }

    @Test
    void peersAcceptTheSameTokensAndRejectTheSameForgeries() {
        PeerBenchmark bench = new PeerBenchmark();
        PeerBenchmark.Peer p = new PeerBenchmark.Peer();
        p.tokens = TOKENS;
        p.setup();
        Cursor c = new Cursor();
        for (int i = 0; i < 3; i++) {
            assertThat(bench.handWrittenHitBearer(p, c)).isInstanceOf(ValidationResult.Authenticated.class);
            assertThat(bench.handWrittenHitBasic(p, c)).isInstanceOf(ValidationResult.Authenticated.class);
            assertThat(bench.handWrittenRejectChecksum(p, c)).isEqualTo(rejected(RejectionReason.BAD_CHECKSUM, null));
        }
        PasswordEncoderBenchmark encoders = new PasswordEncoderBenchmark();
        PasswordEncoderBenchmark.Encoded e = new PasswordEncoderBenchmark.Encoded();
        e.setup();
        assertThat(encoders.bcrypt10Matches(e, c)).isTrue();
        assertThat(encoders.argon2Matches(e, c)).isTrue();
        assertThat(e.bcryptEncoder.matches(e.secrets[0], e.bcrypt[1])).isFalse();
    }

    @Test
    void libraryPeersReturnTheTokensClaimsAndRejectForgeries() {
        LibraryPeerBenchmark bench = new LibraryPeerBenchmark();
        LibraryPeerBenchmark.Jwts j = new LibraryPeerBenchmark.Jwts();
        j.tokens = TOKENS;
        j.setup();
        TokenSet set = j.set;
        int[] order = Cursor.order(TOKENS);
        int unbound = 0; // a position whose token is bound to no organization: its JWT has no org claim
        while (set.stored[order[unbound]].organization() != null) {
            unbound++;
        }
        for (int p : new int[] {0, 1, 2, 3, 4, unbound}) {
            StoredToken t = set.stored[order[p]];
            LibraryPeerBenchmark.JwtPrincipal expected = new LibraryPeerBenchmark.JwtPrincipal(t.owner(), t.id(),
                    t.organization(), t.scopes(), t.expiresAt().truncatedTo(ChronoUnit.SECONDS)); // exp is in seconds
            assertThat(LibraryPeerBenchmark.javaJwt(j, j.bearer[p])).isEqualTo(expected);
            assertThat(LibraryPeerBenchmark.nimbus(j, j.bearer[p])).isEqualTo(expected);
            String forged = j.forged[p];
            assertThatThrownBy(() -> LibraryPeerBenchmark.javaJwt(j, forged)).isInstanceOf(SignatureVerificationException.class);
            assertThatThrownBy(() -> LibraryPeerBenchmark.nimbus(j, forged)).isInstanceOf(SecurityException.class);
        }
        Cursor c = new Cursor();
        assertThat(bench.javaJwtVerify(j, c).tokenId()).isEqualTo(set.ids[order[0]]);
        assertThat(bench.nimbusVerify(j, c).tokenId()).isEqualTo(set.ids[order[1]]);

        LibraryPeerBenchmark.Jenkins jenkins = new LibraryPeerBenchmark.Jenkins();
        jenkins.tokens = TOKENS;
        jenkins.setup();
        LibraryPeerBenchmark.Digest d = new LibraryPeerBenchmark.Digest();
        d.setup();
        c = new Cursor();
        for (int p = 0; p < 12; p++) {
            assertThat(bench.jenkinsSha256(jenkins, d, c)).isEqualTo(LibraryPeerBenchmark.Jenkins.user(order[p]));
            assertThat(LibraryPeerBenchmark.jenkins(jenkins, d.sha256, jenkins.wrongSecret[p])).isNull();
        }
    }

    @Test
    void everyMissSampleReadsTheStoreOnce() {
        MissBenchmark bench = new MissBenchmark();
        MissBenchmark.H2 h2 = new MissBenchmark.H2();
        h2.tokens = TOKENS;
        CountingStore[] counting = new CountingStore[1];
        h2.view = store -> counting[0] = new CountingStore(store);
        h2.setup();
        try {
            for (int i = 0; i < 5; i++) {
                h2.drop();
                int reads = counting[0].findCalls();
                assertThat(bench.h2Miss(h2)).isInstanceOf(ValidationResult.Authenticated.class);
                assertThat(counting[0].findCalls()).isEqualTo(reads + 1);
            }
        } finally {
            h2.tearDown();
        }
    }

    @Test
    void theMissOnPostgresReadsTheStoreAndThirtyTwoThreadsMissingOneIdReadItOnce() throws InterruptedException {
        MissBenchmark bench = new MissBenchmark();
        MissBenchmark.Postgres pg = new MissBenchmark.Postgres();
        pg.tokens = TOKENS;
        CountingStore[] counting = new CountingStore[1];
        pg.view = store -> counting[0] = new CountingStore(store);
        pg.setup();
        try {
            for (int i = 0; i < 5; i++) {
                pg.drop();
                int reads = counting[0].findCalls();
                assertThat(bench.postgresMiss(pg)).isInstanceOf(ValidationResult.Authenticated.class);
                assertThat(counting[0].findCalls()).isEqualTo(reads + 1);
            }
            SingleFlight.Outcome outcome = SingleFlight.run(pg.database.store, 2, 5);
            assertThat(outcome.minStoreCalls()).isEqualTo(1);
            assertThat(outcome.maxStoreCalls()).isEqualTo(1);
            assertThat(outcome.unauthenticated()).isZero();
        } finally {
            pg.tearDown();
        }
    }

    @Test
    void thirtyTwoThreadsMissingOneIdOnH2ReadTheStoreOncePerRound() throws InterruptedException {
        try (H2Database h2 = new H2Database()) {
            SingleFlight.Outcome outcome = SingleFlight.run(h2.store, 2, 10);
            assertThat(outcome.rounds()).isEqualTo(10);
            assertThat(outcome.minStoreCalls()).isEqualTo(1);
            assertThat(outcome.maxStoreCalls()).isEqualTo(1);
            assertThat(outcome.unauthenticated()).isZero();
        }
    }

    @Test
    void cacheConfigurationsHoldEveryId() {
        CacheConfigurationBenchmark bench = new CacheConfigurationBenchmark();
        CacheConfigurationBenchmark.Caches caches = new CacheConfigurationBenchmark.Caches();
        caches.tokens = TOKENS;
        caches.setup();
        Cursor c = new Cursor();
        assertThat(bench.concurrentHashMap(caches, c)).isNotNull();
        assertThat(bench.caffeineSizeAndWriteExpiry(caches, c)).isNotNull();
        assertThat(bench.caffeineSizeOnly(caches, c)).isNotNull();
        assertThat(bench.caffeineSizeAndWriteExpiryQuiet(caches, c)).isNotNull();
        assertThat(bench.caffeineSizeOnlyQuiet(caches, c)).isNotNull();
    }

    private static ValidationResult rejected(RejectionReason reason, String id) {
        return new ValidationResult.Rejected(reason, id);
    }
}
