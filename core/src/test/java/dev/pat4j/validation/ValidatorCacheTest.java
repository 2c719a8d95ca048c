package dev.pat4j.validation;

import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.TokenCodec;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The validator's cache as the store sees it: verified tokens and unknown ids are each looked
 * up once, last-used times are written off the request path in coalesced batches, and an
 * outage fails closed except for tokens already verified in the cache.
 */
class ValidatorCacheTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private Pat4j pat4j;

    /**
     * One node that does not follow the change feed during the test (which lists creates too):
     * its own changes reach its cache at once, and the feed's echo of a create cannot drop an
     * entry whose lookups or last use a test counts.
     */
    private Pat4j.Builder oneNode() {
        store.setWakeUps(false);
        return Fixtures.builder(clock, store).changePollInterval(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        store.setDown(false);
        if (pat4j != null) {
            pat4j.close();
        }
    }

    private Pat4j start(Pat4j.Builder builder) {
        pat4j = builder.build();
        return pat4j;
    }

    @Test
    void theFeedsEchoOfThisNodesOwnCreateKeepsWhatItCachedSince() {
        start(Fixtures.builder(clock, store)); // follows the feed, woken by every change
        IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        String id = t.info().id();
        assertThat(pat4j.validator().check("Bearer " + t.token(), "acme").authenticated()).isTrue();
        assertThat(store.awaitFeedHandled(store.changeHead(), Duration.ofSeconds(10))).isTrue();

        assertThat(pat4j.validator().check("Bearer " + t.token(), "acme").authenticated()).isTrue();
        assertThat(store.findsOf(id)).as("the echo of the insert dropped nothing").isEqualTo(1);

        pat4j.tokens().revoke(id, Actor.user("alice")); // a later change: its echo still counts
        assertThat(pat4j.validator().check("Bearer " + t.token(), "acme").authenticated()).isFalse();
    }

    @Test
    void aVerifiedTokenIsLookedUpOnce() {
        start(oneNode());
        IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        String id = t.info().id();
        for (int i = 0; i < 200; i++) {
            assertThat(pat4j.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        }
        assertThat(store.findsOf(id)).isEqualTo(1);
        // A wrong secret for a cached id is still refused, without a lookup.
        String wrongSecret = Fixtures.lookAlike(t.token());
        assertThat(pat4j.validator().check(bearer(wrongSecret), "acme"))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id));
        assertThat(store.findsOf(id)).isEqualTo(1);
    }

    @Test
    void tokensThatWentThroughEvictionAreStillRefusedOnceRevoked() {
        start(oneNode().cacheMaximumSize(4)); // far fewer entries than tokens: evictions
        java.util.List<IssuedToken> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(Fixtures.create(pat4j, "user-" + i, "acme", Duration.ofDays(1), "code:read"));
        }
        for (int round = 0; round < 3; round++) {
            for (IssuedToken t : tokens) {
                assertThat(pat4j.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
            }
        }
        for (IssuedToken t : tokens) {
            pat4j.tokens().revoke(t.info().id(), Actor.administrator("admin"));
        }
        for (IssuedToken t : tokens) {
            assertThat(pat4j.validator().check(bearer(t.token()), "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, t.info().id()));
        }
    }

    /**
     * The cache's size bound holds for its read index too: a token the cache evicted is read
     * from the store again on its next check, so the validator never keeps more verified tokens
     * than {@code cacheMaximumSize}. Checked newest first the second time, so an index that kept
     * evicted entries would answer the last ones it was given.
     */
    @Test
    void aTokenTheCacheEvictedIsReadFromTheStoreAgain() {
        start(oneNode().cacheMaximumSize(1));
        java.util.List<IssuedToken> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(Fixtures.create(pat4j, "user-" + i, "acme", Duration.ofDays(1), "code:read"));
        }
        for (IssuedToken t : tokens) {
            assertThat(pat4j.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        }
        for (int i = tokens.size() - 1; i >= 0; i--) {
            assertThat(pat4j.validator().check(bearer(tokens.get(i).token()), "acme").authenticated()).isTrue();
        }
        long servedFromMemory = tokens.stream().filter(t -> store.findsOf(t.info().id()) == 1).count();
        assertThat(servedFromMemory).as("tokens checked twice but read once").isLessThanOrEqualTo(1);
        assertThat(pat4j.cacheSize()).isLessThanOrEqualTo(1);
    }

    @Test
    void repeatedChecksOfAnUnknownIdReachTheStoreOnceWithinTheTtl() {
        start(oneNode().negativeCacheTtl(Duration.ofMinutes(10)));
        String forged = new TokenCodec("pat").generate(new SecureRandom());
        String id = pat4j.format().idOf(forged);
        for (int i = 0; i < 500; i++) {
            assertThat(pat4j.validator().check(bearer(forged), "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.UNKNOWN, id));
        }
        assertThat(store.findsOf(id)).isEqualTo(1);
        // Another unknown id is its own lookup.
        String other = new TokenCodec("pat").generate(new SecureRandom());
        pat4j.validator().check(bearer(other), "acme");
        pat4j.validator().check(bearer(other), "acme");
        assertThat(store.findsOf(pat4j.format().idOf(other))).isEqualTo(1);
    }

    @Test
    void theNegativeEntryExpiresAfterItsTtl() {
        start(oneNode().negativeCacheTtl(Duration.ofMillis(50)));
        String forged = new TokenCodec("pat").generate(new SecureRandom());
        String id = pat4j.format().idOf(forged);
        pat4j.validator().check(bearer(forged), "acme");
        assertThat(store.findsOf(id)).isEqualTo(1);
        boolean askedAgain = Fixtures.eventually(Duration.ofSeconds(5), () -> {
            pat4j.validator().check(bearer(forged), "acme");
            return store.findsOf(id) > 1;
        });
        assertThat(askedAgain).as("the store is asked again once the negative entry expired").isTrue();
    }

    @Test
    void lastUsedIsRecordedOffTheHotPathInOneBatchPerInterval() {
        // The interval is longer than the test: nothing but close() can flush.
        start(oneNode().lastUsedInterval(Duration.ofHours(1)));
        IssuedToken a = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        IssuedToken b = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(1), "code:read");
        Instant firstUse = clock.instant();
        for (int i = 0; i < 300; i++) {
            assertThat(pat4j.validator().check(bearer(a.token()), "acme").authenticated()).isTrue();
            assertThat(pat4j.validator().check(bearer(b.token()), "acme").authenticated()).isTrue();
            clock.advance(Duration.ofSeconds(1)); // 300 s: well within one interval
        }
        assertThat(store.lastUsedBatches()).as("no write on the request path").isEmpty();
        assertThat(pat4j.tokens().get(a.info().id()).orElseThrow().lastUsedAt()).isNull();

        pat4j.close();
        assertThat(store.lastUsedBatches()).singleElement()
                .isEqualTo(Map.of(a.info().id(), firstUse, b.info().id(), firstUse));
        assertThat(store.find(a.info().id()).orElseThrow().lastUsedAt()).isEqualTo(firstUse);
        assertThat(store.find(a.info().id()).orElseThrow().version()).as("bookkeeping is not a version change")
                .isEqualTo(1);
    }

    @Test
    void aUseAfterTheIntervalIsRecordedAgain() {
        start(oneNode().lastUsedInterval(Duration.ofHours(1)));
        IssuedToken a = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        pat4j.validator().check(bearer(a.token()), "acme");
        clock.advance(Duration.ofMinutes(59));
        pat4j.validator().check(bearer(a.token()), "acme");
        clock.advance(Duration.ofMinutes(1));
        Instant second = clock.instant();
        pat4j.validator().check(bearer(a.token()), "acme");
        pat4j.close();
        assertThat(store.lastUsedBatches()).singleElement().isEqualTo(Map.of(a.info().id(), second));
    }

    @Test
    void theBackgroundFlushWritesLastUsedWithoutClose() {
        start(oneNode().lastUsedInterval(Duration.ofMillis(50)));
        IssuedToken a = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        for (int i = 0; i < 50; i++) {
            pat4j.validator().check(bearer(a.token()), "acme");
        }
        boolean written = Fixtures.eventually(Duration.ofSeconds(5),
                () -> pat4j.tokens().get(a.info().id()).orElseThrow().lastUsedAt() != null);
        assertThat(written).isTrue();
        assertThat(pat4j.tokens().get(a.info().id()).orElseThrow().lastUsedAt()).isEqualTo(Fixtures.START);
        for (Map<String, Instant> batch : store.lastUsedBatches()) {
            assertThat(batch).containsOnlyKeys(a.info().id());
        }
        assertThat(store.lastUsedBatches()).hasSize(1); // the clock never moved: one use to record
    }

    @Test
    void duringAnOutageOnlyTokensAlreadyVerifiedInTheCacheAuthenticate() throws InterruptedException {
        // Every miss must reach the store here, so the circuit breaker (StoreBreakerTest) never opens.
        start(Fixtures.builder(clock, store).changePollInterval(Duration.ofMillis(20))
                .breakerFailures(Integer.MAX_VALUE));
        IssuedToken cached = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        IssuedToken uncached = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        IssuedToken expiring = Fixtures.create(pat4j, "alice", "acme", Duration.ofHours(1), "code:read");
        assertThat(pat4j.validator().check(bearer(cached.token()), "acme").authenticated()).isTrue();
        assertThat(pat4j.validator().check(bearer(expiring.token()), "acme").authenticated()).isTrue();
        String neverSeen = new TokenCodec("pat").generate(new SecureRandom());

        store.setDown(true);
        // Let the change follower fail a few polls: a failing feed must not drop or keep anything wrongly.
        int before = store.findCalls();
        Thread.sleep(200);
        for (int i = 0; i < 20; i++) {
            assertThat(pat4j.validator().check(bearer(cached.token()), "acme").authenticated()).isTrue();
            assertThat(pat4j.validator().check(bearer(uncached.token()), "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, uncached.info().id()));
            assertThat(pat4j.validator().check(bearer(neverSeen), "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE,
                            pat4j.format().idOf(neverSeen)));
        }
        assertThat(store.findCalls()).as("uncached ids are not negatively cached by an outage").isGreaterThan(before);
        // A cached entry still obeys the clock and the organization.
        assertThat(((ValidationResult.Rejected) pat4j.validator().check(bearer(cached.token()), "globex")).reason())
                .isEqualTo(RejectionReason.WRONG_ORGANIZATION);
        clock.advance(Duration.ofHours(1));
        assertThat(((ValidationResult.Rejected) pat4j.validator().check(bearer(expiring.token()), "acme")).reason())
                .isEqualTo(RejectionReason.EXPIRED);
        // Management fails loudly rather than pretending.
        assertThatThrownBy(() -> pat4j.tokens().revoke(cached.info().id(), Actor.user("alice")))
                .isInstanceOf(StoreUnavailableException.class);

        store.setDown(false);
        assertThat(pat4j.validator().check(bearer(uncached.token()), "acme").authenticated()).isTrue();
        assertThat(pat4j.validator().check(bearer(neverSeen), "acme"))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.UNKNOWN, pat4j.format().idOf(neverSeen)));
    }

    @Test
    void aRevocationOnAnotherNodeReachesThisNodesCacheThroughTheChangeFeed() {
        start(Fixtures.builder(clock, store).changePollInterval(Duration.ofMillis(20)));
        try (Pat4j otherNode = Fixtures.builder(clock, store).build()) {
            IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
            assertThat(pat4j.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
            otherNode.tokens().revoke(t.info().id(), Actor.user("alice"));
            boolean seen = Fixtures.eventually(Duration.ofSeconds(5),
                    () -> !pat4j.validator().check(bearer(t.token()), "acme").authenticated());
            assertThat(seen).isTrue();
            assertThat(((ValidationResult.Rejected) pat4j.validator().check(bearer(t.token()), "acme")).reason())
                    .isEqualTo(RejectionReason.REVOKED);
        }
    }
}
