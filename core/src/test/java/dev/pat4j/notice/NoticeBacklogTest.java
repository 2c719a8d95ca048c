package dev.pat4j.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.StoredToken;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link Notices#backlog()}: the counts of pending and failed notices follow creation, failed
 * delivery and recovery; without an outbox there is none; and an outbox that does not count
 * by itself is counted by {@link NoticeOutbox#count}'s default.
 */
class NoticeBacklogTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void theBacklogCountsPendingAndFailedNoticesUntilTheyAreDelivered() {
        AtomicBoolean down = new AtomicBoolean(true);
        NotificationSender mail = new NotificationSender() {
            @Override
            public String name() {
                return "mail";
            }

            @Override
            public void send(Notice notice) {
                if (down.get()) {
                    throw new IllegalStateException("smtp down");
                }
            }
        };
        try (Pat4j pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).notificationSender(mail)
                .noticeBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).build()) {
            assertThat(pat4j.notices().backlog()).isEqualTo(NoticeBacklog.NONE);
            Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");
            IssuedToken bob = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(30), "code:read");
            assertThat(pat4j.notices().backlog()).isEqualTo(new NoticeBacklog(2, 0));

            assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 2));
            pat4j.tokens().revoke(bob.info().id(), Actor.administrator("root"));
            NoticeBacklog afterFailure = pat4j.notices().backlog();
            assertThat(afterFailure).isEqualTo(new NoticeBacklog(1, 2)); // the revocation's notice is new
            assertThat(afterFailure.undelivered()).isEqualTo(3);

            down.set(false);
            clock.advance(Duration.ofMinutes(1));
            assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(3, 0));
            assertThat(pat4j.notices().backlog()).isEqualTo(NoticeBacklog.NONE);
        }
    }

    @Test
    void withoutAnOutboxThereIsNoBacklog() {
        try (Pat4j pat4j = Fixtures.builder(clock, new CountingStore(new InMemoryTokenStore())).build()) {
            Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");
            assertThat(pat4j.notices().outboxAvailable()).isFalse();
            assertThat(pat4j.notices().backlog()).isEqualTo(NoticeBacklog.NONE);
        }
    }

    @Test
    void theDefaultCountListsAndCounts() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        NoticeOutbox real = store.capability(NoticeOutbox.class).orElseThrow();
        NoticeOutbox withoutCount = new NoticeOutbox() { // a store written before count() existed
            @Override
            public boolean enqueue(OutboxNotice notice) {
                return real.enqueue(notice);
            }

            @Override
            public void insertWithNotice(StoredToken token, OutboxNotice notice) {
                real.insertWithNotice(token, notice);
            }

            @Override
            public boolean updateWithNotice(StoredToken next, OutboxNotice notice) {
                return real.updateWithNotice(next, notice);
            }

            @Override
            public List<OutboxEntry> claimDue(Instant now, String leaseOwner, Instant leaseUntil, int limit) {
                return real.claimDue(now, leaseOwner, leaseUntil, limit);
            }

            @Override
            public boolean markDelivered(String key, Set<String> senders, Instant at) {
                return real.markDelivered(key, senders, at);
            }

            @Override
            public boolean markFailed(String key, String leaseOwner, Set<String> senders, Instant nextAttemptAt,
                                      String error) {
                return real.markFailed(key, leaseOwner, senders, nextAttemptAt, error);
            }

            @Override
            public List<OutboxEntry> list(NoticeState state, int limit) {
                return real.list(state, limit);
            }
        };
        for (int i = 0; i < 3; i++) {
            withoutCount.enqueue(OutboxNotice.of(NoticeKind.CREATED, String.format("cnt%09d", i), "alice", null,
                    Fixtures.START.plusSeconds(i)));
        }
        assertThat(withoutCount.count(NoticeState.PENDING)).isEqualTo(3);
        assertThat(withoutCount.count(NoticeState.FAILED)).isZero();
    }

    @Test
    void countsAreNeverNegative() {
        assertThatThrownBy(() -> new NoticeBacklog(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoticeBacklog(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
