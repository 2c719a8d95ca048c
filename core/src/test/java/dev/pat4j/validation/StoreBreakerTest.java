package dev.pat4j.validation;

import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.pat4j.store.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pat4j's circuit breaker in front of its store, as a validator and an operator see it: after
 * the configured number of consecutive failures no store call is made for the cool-down
 * (uncached tokens are refused at once as store-unavailable, cached ones keep working, management
 * fails at once), then exactly one call probes; its success closes the breaker, its failure
 * re-opens it. Time moves only by the test's clock; no sleeps.
 */
class StoreBreakerTest {
    private static final Duration COOL_DOWN = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private Pat4j pat4j;

    /**
     * Each create makes the store announce a change, which wakes a read of the change feed on
     * pat4j's background thread. A read that runs after a test switched the store off is a failed
     * store call the breaker rightly counts ({@link #aFailedChangeFeedReadCountsLikeAnyOtherStoreCall}),
     * but at a moment the thread's scheduling picks: on a loaded machine it came after the outage
     * began and opened the breaker one check early. Without wake-ups (and with hour-long poll and
     * flush intervals) every store call these tests count is one they made.
     */
    @BeforeEach
    void noChangeWakeUps() {
        store.setWakeUps(false);
    }

    @AfterEach
    void stop() {
        store.setDown(false);
        if (pat4j != null) {
            pat4j.close();
        }
    }

    /** A pat4j whose background work cannot add failures of its own while a test counts them. */
    private Pat4j start(int failures) {
        pat4j = Fixtures.builder(clock, store).breakerFailures(failures).breakerCoolDown(COOL_DOWN)
                .changePollInterval(Duration.ofHours(1)).lastUsedInterval(Duration.ofHours(1)).build();
        return pat4j;
    }

    private IssuedToken token(String owner) {
        return Fixtures.create(pat4j, owner, "acme", Duration.ofDays(1), "code:read");
    }

    private ValidationResult check(IssuedToken t) {
        return pat4j.validator().check(bearer(t.token()), "acme");
    }

    private static ValidationResult unavailable(IssuedToken t) {
        return new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, t.info().id());
    }

    @Test
    void opensAfterTheConfiguredFailuresMakesNoStoreCallWhileOpenAndClosesAfterOneProbe() {
        start(3);
        IssuedToken cached = token("alice");
        assertThat(check(cached).authenticated()).isTrue();
        IssuedToken fresh = token("bob");
        assertThat(pat4j.storeRetryAfter()).isEmpty();

        store.setDown(true);
        for (int i = 0; i < 3; i++) {
            assertThat(check(fresh)).isEqualTo(unavailable(fresh));
        }
        assertThat(store.findsOf(fresh.info().id())).as("each failure reached the store").isEqualTo(3);
        assertThat(pat4j.storeRetryAfter()).contains(COOL_DOWN);

        int calls = store.findCalls();
        for (int i = 0; i < 50; i++) {
            assertThat(check(fresh)).isEqualTo(unavailable(fresh));
            assertThat(check(cached).authenticated()).as("cached, within its TTL").isTrue();
        }
        assertThatThrownBy(() -> pat4j.tokens().revoke(cached.info().id(), Actor.user("alice")))
                .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("token store unavailable");
        assertThatThrownBy(() -> pat4j.tokens().listByOwner("alice")).isInstanceOf(StoreUnavailableException.class);
        assertThat(store.findCalls()).as("no store call while open").isEqualTo(calls);

        clock.advance(Duration.ofSeconds(4));
        assertThat(pat4j.storeRetryAfter()).contains(Duration.ofSeconds(6));
        store.setDown(false);
        assertThat(check(fresh)).as("back, but the cool-down is not over").isEqualTo(unavailable(fresh));
        assertThat(store.findCalls()).isEqualTo(calls);

        clock.advance(Duration.ofSeconds(6));
        assertThat(pat4j.storeRetryAfter()).contains(Duration.ZERO);
        assertThat(check(fresh).authenticated()).as("the probe").isTrue();
        assertThat(store.findCalls()).isEqualTo(calls + 1);
        assertThat(pat4j.storeRetryAfter()).isEmpty();
        pat4j.tokens().revoke(cached.info().id(), Actor.user("alice"));
        assertThat(check(cached)).isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, cached.info().id()));
    }

    @Test
    void aFailedProbeOpensItForAnotherCoolDown() {
        start(2);
        IssuedToken fresh = token("bob");
        store.setDown(true);
        check(fresh);
        check(fresh);
        int calls = store.findCalls();

        clock.advance(COOL_DOWN);
        assertThat(check(fresh)).as("the probe fails").isEqualTo(unavailable(fresh));
        assertThat(store.findCalls()).isEqualTo(calls + 1);
        assertThat(pat4j.storeRetryAfter()).contains(COOL_DOWN);
        assertThat(check(fresh)).isEqualTo(unavailable(fresh));
        assertThat(store.findCalls()).isEqualTo(calls + 1);

        store.setDown(false);
        clock.advance(COOL_DOWN);
        assertThat(check(fresh).authenticated()).isTrue();
        assertThat(pat4j.storeRetryAfter()).isEmpty();
    }

    @Test
    void onlyConsecutiveFailuresCount() {
        start(3);
        IssuedToken fresh = token("bob");
        IssuedToken other = token("carol");
        assertThat(check(other).authenticated()).isTrue();
        for (int round = 0; round < 5; round++) {
            store.setDown(true);
            check(fresh);
            check(fresh);
            store.setDown(false);
            assertThat(pat4j.tokens().get(other.info().id())).as("a store call that succeeds").isPresent();
        }
        assertThat(pat4j.storeRetryAfter()).isEmpty();
        assertThat(store.findsOf(fresh.info().id())).isEqualTo(10);
        store.setDown(true);
        for (int i = 0; i < 3; i++) {
            assertThat(pat4j.storeRetryAfter()).isEmpty();
            check(fresh);
            assertThat(check(other).authenticated()).as("cache hits are no store calls").isTrue();
        }
        assertThat(pat4j.storeRetryAfter()).as("three failures in a row, cache hits between them").isPresent();
    }

    @Test
    void whileTheProbeRunsEveryOtherCallerFailsAtOnce() throws Exception {
        BlockingStore blocking = new BlockingStore();
        pat4j = Fixtures.builder(clock, blocking).breakerFailures(1).breakerCoolDown(COOL_DOWN)
                .changePollInterval(Duration.ofHours(1)).lastUsedInterval(Duration.ofHours(1)).build();
        IssuedToken probe = token("alice");
        IssuedToken other = token("bob");
        blocking.down = true;
        assertThat(check(probe)).isEqualTo(unavailable(probe));
        clock.advance(COOL_DOWN);
        blocking.down = false;
        blocking.hold = new CountDownLatch(1);
        int before = blocking.finds.get();

        CompletableFuture<ValidationResult> first = CompletableFuture.supplyAsync(() -> check(probe));
        assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).as("the probe reached the store").isTrue();
        for (int i = 0; i < 20; i++) {
            assertThat(check(other)).isEqualTo(unavailable(other));
        }
        assertThatThrownBy(() -> pat4j.tokens().get(other.info().id())).isInstanceOf(StoreUnavailableException.class);
        assertThat(blocking.finds.get()).as("only the probe").isEqualTo(before + 1);
        assertThat(pat4j.storeRetryAfter()).contains(Duration.ZERO);

        blocking.hold.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).authenticated()).isTrue();
        assertThat(check(other).authenticated()).isTrue();
        assertThat(pat4j.storeRetryAfter()).isEmpty();
    }

    @Test
    void aFailedChangeFeedReadCountsLikeAnyOtherStoreCall() {
        HeldWakeUp held = new HeldWakeUp(store);
        pat4j = Fixtures.builder(clock, held).breakerFailures(2).breakerCoolDown(COOL_DOWN)
                .changePollInterval(Duration.ofHours(1)).lastUsedInterval(Duration.ofHours(1)).build();
        IssuedToken fresh = token("bob");
        store.setDown(true);
        assertThat(check(fresh)).isEqualTo(unavailable(fresh));
        assertThat(pat4j.storeRetryAfter()).isEmpty();

        held.wakeUp.run(); // the store announces a change: pat4j reads its feed in the background
        assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> pat4j.storeRetryAfter().isPresent()))
                .as("the failed feed read is the second consecutive failure").isTrue();
        assertThat(pat4j.storeRetryAfter()).contains(COOL_DOWN);
        assertThat(check(fresh)).isEqualTo(unavailable(fresh));
        assertThat(store.findsOf(fresh.info().id())).as("one check reached the store").isEqualTo(1);
    }

    @Test
    void aClockThatWentBackLetsTheProbeThroughAtOnce() {
        start(1);
        IssuedToken fresh = token("bob");
        store.setDown(true);
        check(fresh);
        store.setDown(false);
        clock.advance(Duration.ofDays(-1));
        assertThat(check(fresh).authenticated()).isTrue();
    }

    @Test
    void theSettingsConfigureTheBreaker() {
        Pat4jSettings defaults = Pat4jSettings.defaults();
        Pat4jSettings.Store s = defaults.store();
        Pat4jSettings settings = new Pat4jSettings(defaults.scopes(), defaults.tokenPrefix(), defaults.hashing(),
                defaults.policy(), defaults.cache(), new Pat4jSettings.Store(null, null, null, Duration.ofHours(1),
                Duration.ofHours(1), s.queryTimeout(), s.connectionTimeout(),
                new Pat4jSettings.Breaker(2, Duration.ofSeconds(30))), defaults.notifications(),
                defaults.organizations());
        pat4j = Pat4j.builder().settings(settings).store(store).clock(clock).build();
        IssuedToken fresh = token("bob");
        store.setDown(true);
        check(fresh);
        assertThat(pat4j.storeRetryAfter()).isEmpty();
        check(fresh);
        assertThat(pat4j.storeRetryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void theBuilderRefusesNonsense() {
        assertThatThrownBy(() -> Pat4j.builder().breakerFailures(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4j.builder().breakerCoolDown(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4j.builder().breakerCoolDown(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A store that keeps pat4j's change wake-up for the test to run when it chooses. */
    private static final class HeldWakeUp extends ForwardingStore {
        volatile Runnable wakeUp = () -> { };

        HeldWakeUp(TokenStore delegate) {
            super(delegate);
        }

        @Override
        public AutoCloseable onChange(Runnable wakeUp) {
            this.wakeUp = wakeUp;
            return () -> { };
        }
    }

    /** An in-memory store whose finds can be failed or held at a latch. */
    private static final class BlockingStore extends ForwardingStore {
        final AtomicInteger finds = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile boolean down;
        volatile CountDownLatch hold;

        BlockingStore() {
            super(new InMemoryTokenStore());
        }

        @Override
        public Optional<StoredToken> find(String id) {
            finds.incrementAndGet();
            if (down) {
                throw new StoreUnavailableException("simulated outage", null);
            }
            CountDownLatch latch = hold;
            if (latch != null) {
                entered.countDown();
                try {
                    if (!latch.await(10, TimeUnit.SECONDS)) {
                        throw new StoreUnavailableException("held too long", null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreUnavailableException("interrupted", e);
                }
            }
            return super.find(id);
        }
    }
}
