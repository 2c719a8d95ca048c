package dev.pat4j.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.testkit.CountingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The delivery loop on the in-memory store: nothing consumed without a sender, delivered only
 * after success, retried with capped backoff, a succeeded sender not asked again, a stalled node's
 * lease retaken, and the builder's refusals.
 */
class NoticeDeliveryTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Test
    void withoutASenderNothingIsConsumed() {
        try (Pat4j pat4j = Fixtures.builder(clock, store).build()) {
            Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");

            assertThat(pat4j.notices().senders()).isEmpty();
            assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);

            List<OutboxEntry> pending = pat4j.notices().list(NoticeState.PENDING, 10);
            assertThat(pending).hasSize(1);
            assertThat(pending.get(0).attempts()).as("not even claimed").isZero();
            assertThat(pending.get(0).leaseOwner()).isNull();
        }
    }

    @Test
    void aFailingSenderIsRetriedWithCappedBackoffAndDeliveredOnceItRecovers() {
        RecordingSender mail = new RecordingSender("mail", 4);
        try (Pat4j pat4j = Fixtures.builder(clock, store).notificationSender(mail)
                .noticeBackoff(Duration.ofMinutes(1), Duration.ofMinutes(3)).build()) {
            IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");
            List<Duration> waits = new ArrayList<>();
            for (int attempt = 1; attempt <= 4; attempt++) {
                assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
                OutboxEntry failed = pat4j.notices().list(NoticeState.FAILED, 10).get(0);
                assertThat(failed.attempts()).isEqualTo(attempt);
                assertThat(failed.lastError()).contains("mail failed").contains("IllegalStateException")
                        .contains("smtp down");
                assertThat(failed.leaseOwner()).isNull();
                Duration wait = Duration.between(clock.instant(), failed.nextAttemptAt());
                waits.add(wait);
                clock.advance(wait.minusMillis(1));
                assertThat(pat4j.notices().deliverDue()).as("not before its backoff").isEqualTo(DeliveryReport.NONE);
                clock.advance(Duration.ofMillis(1));
            }
            assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3),
                    Duration.ofMinutes(3));

            assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));

            assertThat(mail.delivered()).hasSize(1);
            Notice n = mail.delivered().get(0);
            assertThat(n.key()).isEqualTo(t.info().id() + ":created");
            assertThat(n.attempt()).isEqualTo(5);
            assertThat(n.token().id()).isEqualTo(t.info().id());
            assertThat(n.actor()).isEqualTo("alice");
            assertThat(n.toString()).doesNotContain(t.token());
            OutboxEntry delivered = pat4j.notices().list(NoticeState.DELIVERED, 10).get(0);
            assertThat(delivered.deliveredTo()).containsExactly("mail");
            assertThat(delivered.deliveredAt()).isEqualTo(clock.instant());
            assertThat(pat4j.notices().list(NoticeState.FAILED, 10)).isEmpty();

            clock.advance(Duration.ofDays(30));
            assertThat(pat4j.notices().deliverDue()).as("delivered is never claimed again").isEqualTo(DeliveryReport.NONE);
            assertThat(mail.calls()).isEqualTo(5);
        }
    }

    @Test
    void aSenderThatDeliveredIsNotAskedAgainWhenAnotherFailed() {
        RecordingSender mail = new RecordingSender("mail", 0);
        RecordingSender hook = new RecordingSender("webhook", 1);
        try (Pat4j pat4j = Fixtures.builder(clock, store).notificationSender(mail).notificationSender(hook).build()) {
            Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");

            assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
            assertThat(pat4j.notices().list(NoticeState.FAILED, 10).get(0).deliveredTo()).containsExactly("mail");
            clock.advance(Duration.ofMinutes(1));
            assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));

            assertThat(mail.calls()).isEqualTo(1);
            assertThat(hook.calls()).isEqualTo(2);
            assertThat(pat4j.notices().list(NoticeState.DELIVERED, 10).get(0).deliveredTo())
                    .containsExactly("mail", "webhook");
            assertThat(pat4j.notices().senders()).containsExactly("mail", "webhook");
        }
    }

    @Test
    void aKindNoSenderSendsIsSettledWithoutAskingAnyone() {
        RecordingSender expiringOnly = new RecordingSender("mail", 0) {
            @Override
            public boolean sends(NoticeKind kind) {
                return kind.equals(NoticeKind.EXPIRING);
            }
        };
        try (Pat4j pat4j = Fixtures.builder(clock, store).notificationSender(expiringOnly).build()) {
            IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(3), "code:read");
            assertThat(pat4j.notices().raiseExpiring()).isEqualTo(1);

            assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(2, 0));

            assertThat(expiringOnly.delivered()).extracting(Notice::kind).containsExactly(NoticeKind.EXPIRING);
            assertThat(expiringOnly.delivered().get(0).threshold()).isEqualTo(Duration.ofDays(7));
            assertThat(pat4j.notices().list(NoticeState.DELIVERED, 10))
                    .filteredOn(e -> e.notice().key().equals(t.info().id() + ":created"))
                    .singleElement().satisfies(e -> assertThat(e.deliveredTo()).isEmpty());
        }
    }

    @Test
    void theNoticeShowsTheTokenAsItIsWhenDelivered() {
        RecordingSender mail = new RecordingSender("mail", 0);
        try (Pat4j pat4j = Fixtures.builder(clock, store).notificationSender(mail).build()) {
            IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");
            pat4j.tokens().revoke(t.info().id(), dev.pat4j.lifecycle.Actor.administrator("root"));

            pat4j.notices().deliverDue();

            assertThat(mail.delivered()).extracting(Notice::kind)
                    .containsExactlyInAnyOrder(NoticeKind.CREATED, NoticeKind.REVOKED_BY_ADMINISTRATOR);
            assertThat(mail.delivered()).allSatisfy(n -> assertThat(n.token().state()).isEqualTo(TokenState.REVOKED));
        }
    }

    /**
     * Node A claims a notice and stalls in its sender; node B, on the same store, gets nothing
     * while A's lease holds and takes the notice once it ran out. A's late success changes nothing.
     */
    @Test
    void aStalledNodesLeaseIsRetakenOnceItRunsOut() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NotificationSender stalling = new NotificationSender() {
            @Override
            public String name() {
                return "mail";
            }

            @Override
            public void send(Notice notice) throws Exception {
                entered.countDown();
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            }
        };
        RecordingSender healthy = new RecordingSender("mail", 0);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Pat4j a = Fixtures.builder(clock, store).notificationSender(stalling).noticeLease(Duration.ofMinutes(2))
                .build();
             Pat4j b = Fixtures.builder(clock, store).notificationSender(healthy).build()) {
            Fixtures.create(a, "alice", "acme", Duration.ofDays(30), "code:read");
            Future<DeliveryReport> stalled = thread.submit(() -> a.notices().deliverDue());
            assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();

            assertThat(b.notices().deliverDue()).as("A's lease holds").isEqualTo(DeliveryReport.NONE);
            clock.advance(Duration.ofMinutes(2));
            assertThat(b.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
            assertThat(healthy.delivered()).hasSize(1);
            assertThat(healthy.delivered().get(0).attempt()).as("the stalled claim counted as attempt 1").isEqualTo(2);

            release.countDown();
            assertThat(stalled.get(60, TimeUnit.SECONDS)).isEqualTo(new DeliveryReport(1, 0));
            OutboxEntry done = b.notices().list(NoticeState.DELIVERED, 10).get(0);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.deliveredAt()).isEqualTo(clock.instant());
        } finally {
            release.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void startDeliversOnTheApplicationsExecutorUntilClosed() throws Exception {
        RecordingSender mail = new RecordingSender("mail", 0);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (Pat4j pat4j = Fixtures.builder(clock, store).notificationSender(mail).build()) {
            Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(3), "code:read");
            AutoCloseable running = pat4j.notices().start(executor, Duration.ofHours(1), Duration.ofMillis(20));
            assertThat(Fixtures.eventually(Duration.ofSeconds(30), () -> mail.delivered().size() == 2))
                    .as("the creation's notice and the one the first raise found due").isTrue();
            running.close();
            assertThatThrownBy(() -> pat4j.notices().start(executor, Duration.ZERO, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            executor.shutdownNow();
        }
        assertThat(mail.delivered()).extracting(Notice::kind)
                .containsExactlyInAnyOrder(NoticeKind.CREATED, NoticeKind.EXPIRING);
    }

    @Test
    void theBuilderRefusesSendersItCouldNeverCall() {
        RecordingSender mail = new RecordingSender("mail", 0);
        assertThatThrownBy(() -> Fixtures.builder(clock, new CountingStore(store)).notificationSender(mail).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NoticeOutbox")
                .hasMessageContaining("[mail]");
        assertThatThrownBy(() -> Pat4j.builder().notificationSender(mail).notificationSender(mail))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two senders");
        assertThatThrownBy(() -> Pat4j.builder().notificationSender(new RecordingSender("Mail Server", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mail Server");
        assertThatThrownBy(() -> Pat4j.builder().noticeBackoff(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        try (Pat4j plain = Fixtures.builder(clock, new CountingStore(store)).build()) {
            assertThat(plain.notices().outboxAvailable()).isFalse();
            assertThat(plain.notices().list(NoticeState.PENDING, 10)).isEmpty();
            assertThatThrownBy(() -> plain.notices().list(NoticeState.PENDING, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Fails its first {@code failures} sends, then keeps each notice it delivers. */
    static class RecordingSender implements NotificationSender {
        private final String name;
        private final AtomicInteger failuresLeft;
        private final AtomicInteger calls = new AtomicInteger();
        private final List<Notice> delivered = new CopyOnWriteArrayList<>();

        RecordingSender(String name, int failures) {
            this.name = name;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(Notice notice) {
            calls.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("smtp down\nsecond line");
            }
            delivered.add(notice);
        }

        int calls() {
            return calls.get();
        }

        List<Notice> delivered() {
            return List.copyOf(delivered);
        }
    }
}
