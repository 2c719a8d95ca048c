package dev.pat4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters over a real pat4j on a store that can be taken down, read from a real registry. */
class Pat4jMetricsTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private final Pat4jMetrics metrics = new Pat4jMetrics();
    private final Pat4j pat4j = Fixtures.builder(clock, store).observer(metrics).breakerFailures(2).build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        pat4j.close();
    }

    @Test
    void checksAreCountedByOutcomeAndReasonAndTheCacheByHitsAndMisses() {
        IssuedToken token = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        pat4j.validator().check("Bearer " + token.token(), "acme"); // counted before binding too
        metrics.watch(pat4j).bindTo(registry);

        pat4j.validator().check("Bearer " + token.token(), "acme");
        pat4j.validator().check("Bearer " + Fixtures.lookAlike(token.token()), "acme");
        pat4j.validator().check("Basic !!!", "acme");

        assertThat(count(Pat4jMetrics.CHECKS, "outcome", "authenticated", "reason", "none")).isEqualTo(2);
        assertThat(count(Pat4jMetrics.CHECKS, "outcome", "rejected", "reason", "secret_mismatch")).isEqualTo(1);
        assertThat(count(Pat4jMetrics.CHECKS, "outcome", "rejected", "reason", "malformed")).isEqualTo(1);
        assertThat(count(Pat4jMetrics.CHECKS, "outcome", "rejected", "reason", "revoked")).isZero();
        assertThat(count(Pat4jMetrics.CACHE_LOOKUPS, "result", "miss")).isEqualTo(1);
        assertThat(count(Pat4jMetrics.CACHE_LOOKUPS, "result", "hit")).isEqualTo(2);
        assertThat(registry.get(Pat4jMetrics.CACHE_HIT_RATIO).gauge().value()).isEqualTo(2.0 / 3);
        assertThat(registry.get(Pat4jMetrics.CACHE_SIZE).gauge().value()).isEqualTo(1);
        assertThat(registry.get(Pat4jMetrics.BREAKER_OPEN).gauge().value()).isZero();
        assertNoTagHoldsTokenMaterial(token);
    }

    @Test
    void storeCallsAreTimedByOperationAndOutcomeAndTheBreakerShows() {
        metrics.watch(pat4j).bindTo(registry);
        IssuedToken token = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(1), "code:read");
        assertThat(registry.get(Pat4jMetrics.STORE_CALLS).tags("operation", "insert", "outcome", "success")
                .timer().count()).isEqualTo(1);

        store.setDown(true);
        try {
            for (int i = 0; i < 3; i++) {
                pat4j.validator().check("Bearer " + token.token(), "acme");
            }
            assertThat(registry.get(Pat4jMetrics.STORE_CALLS).tags("operation", "find", "outcome", "failure")
                    .timer().count()).as("two failures open the breaker; the third is not a store call").isEqualTo(2);
            assertThat(registry.get(Pat4jMetrics.BREAKER_OPEN).gauge().value()).isEqualTo(1);
            assertThat(count(Pat4jMetrics.CHECKS, "outcome", "rejected", "reason", "store_unavailable")).isEqualTo(3);
        } finally {
            store.setDown(false);
        }
        assertNoTagHoldsTokenMaterial(token);
    }

    @Test
    void theNoticeGaugesCountTheOutboxsBacklog() {
        AtomicBoolean smtpDown = new AtomicBoolean(true);
        NotificationSender mail = new NotificationSender() {
            @Override
            public String name() {
                return "mail";
            }

            @Override
            public void send(Notice notice) {
                if (smtpDown.get()) {
                    throw new IllegalStateException("smtp down");
                }
            }
        };
        Pat4jMetrics counting = new Pat4jMetrics(Duration.ZERO); // counted at every sample
        try (Pat4j withOutbox = Fixtures.builder(clock, new InMemoryTokenStore()).observer(counting)
                .notificationSender(mail).noticeBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).build()) {
            counting.watch(withOutbox).bindTo(registry);
            assertThat(gauge(Pat4jMetrics.NOTICES_PENDING)).isZero();
            assertThat(gauge(Pat4jMetrics.NOTICES_FAILED)).isZero();

            Fixtures.create(withOutbox, "alice", "acme", Duration.ofDays(1), "code:read");
            Fixtures.create(withOutbox, "bob", "acme", Duration.ofDays(1), "code:read");
            assertThat(gauge(Pat4jMetrics.NOTICES_PENDING)).isEqualTo(2);

            withOutbox.notices().deliverDue();
            assertThat(gauge(Pat4jMetrics.NOTICES_PENDING)).isZero();
            assertThat(gauge(Pat4jMetrics.NOTICES_FAILED)).isEqualTo(2);

            smtpDown.set(false);
            clock.advance(Duration.ofMinutes(1));
            withOutbox.notices().deliverDue();
            assertThat(gauge(Pat4jMetrics.NOTICES_FAILED)).isZero();
            assertThat(registry.get(Pat4jMetrics.STORE_CALLS).tags("operation", "outbox.count", "outcome", "success")
                    .timer().count()).as("counted in the store, through pat4j's breaker").isPositive();
        }
    }

    @Test
    void oneCountingServesBothNoticeGaugesForASecond() {
        Pat4jMetrics reusing = new Pat4jMetrics(Duration.ofHours(1));
        try (Pat4j withOutbox = Fixtures.builder(clock, new InMemoryTokenStore()).observer(reusing).build()) {
            reusing.watch(withOutbox).bindTo(registry);
            assertThat(gauge(Pat4jMetrics.NOTICES_PENDING)).isZero();
            Fixtures.create(withOutbox, "alice", "acme", Duration.ofDays(1), "code:read");
            assertThat(gauge(Pat4jMetrics.NOTICES_PENDING)).as("the earlier counting, reused").isZero();
            assertThat(registry.get(Pat4jMetrics.STORE_CALLS).tags("operation", "outbox.count", "outcome", "success")
                    .timer().count()).as("pending and failed, counted once").isEqualTo(2);
        }
    }

    @Test
    void theNoticeGaugesAreNaNWithoutAnOutbox() {
        metrics.watch(pat4j).bindTo(registry); // a CountingStore keeps no outbox
        assertThat(gauge(Pat4jMetrics.NOTICES_PENDING)).isNaN();
        assertThat(gauge(Pat4jMetrics.NOTICES_FAILED)).isNaN();
    }

    @Test
    void theChangeFeedAgeGrowsWhileTheFeedCannotBeRead() {
        metrics.watch(pat4j).bindTo(registry);
        assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> pat4j.changeFeed().lastReadAt() != null))
                .isTrue();
        assertThat(feedAgeSeconds()).isZero(); // the clock has not moved since the last read
        store.setDown(true);
        try {
            assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> pat4j.changeFeed().failing())).isTrue();
            clock.advance(Duration.ofSeconds(30));
            assertThat(feedAgeSeconds()).isEqualTo(30);
        } finally {
            store.setDown(false);
        }
        assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> feedAgeSeconds() == 0))
                .as("read again once the store is back").isTrue();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double feedAgeSeconds() {
        return registry.get(Pat4jMetrics.CHANGE_FEED_AGE).timeGauge().value(TimeUnit.SECONDS);
    }

    @Test
    void gaugesOfAnUnwatchedInstanceAreNaN() {
        metrics.bindTo(registry);
        assertThat(registry.get(Pat4jMetrics.NOTICES_PENDING).gauge().value()).isNaN();
        assertThat(registry.get(Pat4jMetrics.CHANGE_FEED_AGE).timeGauge().value()).isNaN();
        assertThat(registry.get(Pat4jMetrics.CACHE_SIZE).gauge().value()).isNaN();
        assertThat(registry.get(Pat4jMetrics.BREAKER_OPEN).gauge().value()).isNaN();
        assertThat(registry.get(Pat4jMetrics.CACHE_HIT_RATIO).gauge().value()).isNaN();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private void assertNoTagHoldsTokenMaterial(IssuedToken token) {
        List<String> values = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getValue).toList();
        assertThat(values).isNotEmpty().allSatisfy(v -> assertThat(v).matches("[a-z_A-Z]+")
                .doesNotContain(token.info().id()).doesNotContain(token.info().owner()));
    }
}
