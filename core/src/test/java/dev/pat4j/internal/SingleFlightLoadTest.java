package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A miss loads outside any lock other ids share, once per id, and an invalidation that races a
 * load wins. The store holds one id's find on a latch (after reading the record, so the load
 * carries what the store held when it began) while the test works on other ids.
 */
class SingleFlightLoadTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final long DEADLINE_SECONDS = 30; // a hang detector: every step here is instant unless blocked

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final ObservedStore store = new ObservedStore(true, false);
    private final Pat4j pat4j = Fixtures.builder(clock, store).changePollInterval(Duration.ofHours(1)).build();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        store.release();
        pool.shutdownNow();
        pat4j.close();
    }

    private ValidationResult check(IssuedToken t) {
        return pat4j.validator().check(Fixtures.bearer(t.token()), "acme");
    }

    /** A token of its own owner, so the per-owner limit never gets in the way. */
    private IssuedToken create(String owner) {
        return pat4j.tokens().create(Fixtures.request(owner, "acme", DAY, "code:read"), Actor.user(owner));
    }

    @Test
    void aStoreBlockedOnOneIdHoldsUpNoCheckRevocationOrInvalidationOfAnother() throws Exception {
        IssuedToken slow = create("slow");
        List<IssuedToken> others = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            others.add(create("other" + i)); // enough ids that some share the slow id's bins in any hash table
        }
        store.holdNextFindOf(slow.info().id());
        Future<ValidationResult> slowCheck = pool.submit(() -> check(slow));
        store.awaitHeld();

        Future<?> work = pool.submit(() -> {
            for (IssuedToken t : others) {
                assertThat(check(t).authenticated()).isTrue();
            }
            for (IssuedToken t : others.subList(0, 50)) {
                pat4j.tokens().revoke(t.info().id(), Actor.user(t.info().owner())); // a write and an invalidation
                assertThat(check(t)).isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, t.info().id()));
            }
            pat4j.tokens().ownerChanged("bob"); // announces nothing, but runs the invalidation path
            for (IssuedToken t : others.subList(50, 200)) {
                assertThat(check(t).authenticated()).isTrue();
            }
            return null;
        });
        work.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(slowCheck.isDone()).as("the slow id is still held").isFalse();

        store.release();
        assertThat(slowCheck.get(DEADLINE_SECONDS, TimeUnit.SECONDS).authenticated()).isTrue();
        assertThat(store.findsOf(slow.info().id())).isEqualTo(1);
    }

    @Test
    void thirtyTwoThreadsCheckingOneColdIdMakeOneStoreLookup() throws Exception {
        IssuedToken cold = create("cold");
        store.holdNextFindOf(cold.info().id());
        int threads = 32;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> checkers = new CopyOnWriteArrayList<>();
        List<Future<ValidationResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                checkers.add(Thread.currentThread());
                start.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
                return check(cold);
            }));
        }
        store.awaitHeld();
        // Let the other 31 reach the load in flight and wait on it before the store answers.
        assertThat(Fixtures.eventually(Duration.ofSeconds(DEADLINE_SECONDS), () -> checkers.size() == threads
                && checkers.stream().filter(SingleFlightLoadTest::waiting).count() == threads))
                .as("all %d checkers wait (one on the store's latch, the others on its load)", threads).isTrue();
        store.release();

        for (Future<ValidationResult> r : results) {
            assertThat(r.get(DEADLINE_SECONDS, TimeUnit.SECONDS).authenticated()).isTrue();
        }
        assertThat(store.findsOf(cold.info().id())).as("store lookups of the cold id").isEqualTo(1);
    }

    @Test
    void aRevocationRacingAnInFlightLoadWinsAndTheStaleLoadIsNeverServed() throws Exception {
        IssuedToken t = create("racing");
        String id = t.info().id();
        store.holdNextFindOf(id);
        Future<ValidationResult> racing = pool.submit(() -> check(t));
        store.awaitHeld(); // the load has read the token as it was: not revoked

        pat4j.tokens().revoke(id, Actor.user("racing"));
        ValidationResult.Rejected revoked = new ValidationResult.Rejected(RejectionReason.REVOKED, id);
        Future<ValidationResult> joinedAfterRevoke = pool.submit(() -> check(t));
        store.release();

        assertThat(racing.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the overtaken load read again").isEqualTo(revoked);
        assertThat(joinedAfterRevoke.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo(revoked);
        int finds = store.findsOf(id);
        for (int i = 0; i < 3; i++) {
            assertThat(check(t)).isEqualTo(revoked);
        }
        assertThat(store.findsOf(id)).as("the revoked token is what stays cached").isEqualTo(finds);
    }

    private static boolean waiting(Thread t) {
        return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
    }

    @Test
    void anInvalidationOfEverythingRacingALoadWinsToo() throws Exception {
        IssuedToken t = create("racingall");
        String id = t.info().id();
        store.holdNextFindOf(id);
        Future<ValidationResult> racing = pool.submit(() -> check(t));
        store.awaitHeld();

        // What the change follower does when it lost its place in the feed; the store changes too.
        store.update(store.find(id).orElseThrow().withRevocation(clock.instant(), "admin"));
        ((DefaultTokenValidator) pat4j.validator()).invalidateAll();
        store.release();

        ValidationResult.Rejected revoked = new ValidationResult.Rejected(RejectionReason.REVOKED, id);
        assertThat(racing.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo(revoked);
        assertThat(check(t)).isEqualTo(revoked);
    }
}
