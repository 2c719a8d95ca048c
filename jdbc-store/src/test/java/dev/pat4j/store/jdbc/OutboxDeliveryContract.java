package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's delivery guarantee on a real database, through {@link Pat4j} nodes that share
 * only the database: a sender that fails and recovers gets every notice exactly once; two nodes
 * delivering at once never deliver one notice twice; a node that stops mid-delivery loses
 * nothing, since its lease is retaken once it runs out. Subclasses provide the database.
 */
abstract class OutboxDeliveryContract {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private DataSource first;

    /** A data source on a new, empty database. */
    protected abstract DataSource freshDatabase() throws Exception;

    /** Another data source on the database of {@code first}, as another node would open it. */
    protected abstract DataSource anotherNode(DataSource first) throws Exception;

    /** Releases the database and every data source opened on it. */
    protected abstract void release(DataSource first, List<DataSource> others) throws Exception;

    private final List<DataSource> others = new ArrayList<>();

    @BeforeEach
    void newDatabase() throws Exception {
        first = freshDatabase();
        JdbcTokenStore.builder(first).build().migrate();
    }

    @AfterEach
    void releaseDatabase() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        release(first, others);
    }

    /** A node on its own data source (the first one for the first node), its own store and Pat4j. */
    private Pat4j node(NotificationSender... senders) throws Exception {
        DataSource ds = opened.isEmpty() ? first : anotherNode(first);
        if (ds != first) {
            others.add(ds);
        }
        JdbcTokenStore store = JdbcTokenStore.builder(ds).clock(clock).queryTimeout(Duration.ofSeconds(10)).build();
        Pat4j.Builder b = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).clock(clock)
                .policy(TokenPolicy.builder().maxActiveTokensPerOwner(10_000).build());
        for (NotificationSender s : senders) {
            b.notificationSender(s);
        }
        Pat4j pat4j = b.build();
        opened.add(store);
        opened.add(pat4j);
        return pat4j;
    }

    @Test
    void aFailingSenderGetsEveryNoticeExactlyOnceAfterItRecovers() throws Exception {
        CountingSender mail = new CountingSender("mail");
        Pat4j pat4j = node(mail);
        for (int i = 0; i < 12; i++) {
            IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(i % 3 == 0 ? 3 : 30), "code:read");
            if (i % 4 == 0) {
                pat4j.tokens().revoke(t.info().id(), Actor.administrator("security"));
            }
        }
        assertThat(pat4j.notices().raiseExpiring()).as("the 3-day tokens, revoked ones left out").isEqualTo(3);
        int total = 12 + 3 + 3; // created, revoked by an administrator, expiring

        mail.down.set(true);
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, total));
        clock.advance(Duration.ofMinutes(1));
        assertThat(pat4j.notices().deliverDue()).as("retried after the first backoff, still down")
                .isEqualTo(new DeliveryReport(0, total));
        assertThat(pat4j.notices().list(NoticeState.FAILED, 100)).hasSize(total)
                .allSatisfy(e -> assertThat(e.attempts()).isEqualTo(2));
        mail.down.set(false);
        clock.advance(Duration.ofMinutes(1).minusMillis(1));
        assertThat(pat4j.notices().deliverDue()).as("the second backoff is two minutes").isEqualTo(DeliveryReport.NONE);
        clock.advance(Duration.ofMinutes(1).plusMillis(1));

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(total, 0));
        clock.advance(Duration.ofDays(1));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);

        List<OutboxEntry> delivered = pat4j.notices().list(NoticeState.DELIVERED, 100);
        assertThat(delivered).hasSize(total).allSatisfy(e -> assertThat(e.deliveredTo()).containsExactly("mail"));
        assertThat(mail.deliveries).as("each notice once").hasSize(total).allSatisfy((key, n) -> assertThat(n).hasValue(1));
        assertThat(mail.deliveries.keySet()).isEqualTo(delivered.stream().map(e -> e.notice().key())
                .collect(Collectors.toSet()));
        assertThat(mail.kinds()).containsOnlyKeys(NoticeKind.CREATED, NoticeKind.REVOKED_BY_ADMINISTRATOR,
                NoticeKind.EXPIRING);
        assertThat(pat4j.notices().list(NoticeState.PENDING, 100)).isEmpty();
        assertThat(pat4j.notices().list(NoticeState.FAILED, 100)).isEmpty();
    }

    @Test
    void twoNodesDeliveringAtOnceNeverDeliverANoticeTwice() throws Exception {
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Pat4j a = node(new CountingSender("mail", deliveries));
        Pat4j b = node(new CountingSender("mail", deliveries));
        int tokens = 120;
        for (int i = 0; i < tokens; i++) {
            Fixtures.create(i % 2 == 0 ? a : b, "user" + (i % 7), "acme", Duration.ofDays(30), "code:read");
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (Pat4j node : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    int delivered = 0;
                    for (int round = 0; round < 50; round++) {
                        delivered += node.notices().deliverDue().delivered();
                    }
                    return delivered;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).as("deliveries reported by both nodes").isEqualTo(tokens);
        } finally {
            pool.shutdownNow();
        }
        assertThat(deliveries).hasSize(tokens).allSatisfy((key, n) -> assertThat(n).as(key).hasValue(1));
        assertThat(a.notices().list(NoticeState.DELIVERED, 1000)).hasSize(tokens)
                .allSatisfy(e -> assertThat(e.attempts()).as("claimed once").isEqualTo(1));
    }

    /**
     * Node A claims the notices and hangs in its sender; it is closed and abandoned there. Node B
     * gets nothing while A's lease holds, and every notice once it ran out.
     */
    @Test
    void aNodeStoppedMidDeliveryLosesNothingItsLeaseIsRetaken() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        NotificationSender hanging = new NotificationSender() {
            @Override
            public String name() {
                return "mail";
            }

            @Override
            public void send(Notice notice) throws Exception {
                hung.countDown();
                never.await(); // until the test ends
            }
        };
        Pat4j a = node(hanging);
        CountingSender healthy = new CountingSender("mail");
        Pat4j b = node(healthy);
        for (int i = 0; i < 3; i++) {
            Fixtures.create(a, "alice", "acme", Duration.ofDays(30), "code:read");
        }
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(() -> a.notices().deliverDue());
            assertThat(hung.await(60, TimeUnit.SECONDS)).isTrue();
            a.close(); // stopped: its delivery thread is left hanging, its lease on all three notices held

            assertThat(b.notices().deliverDue()).as("A's lease holds").isEqualTo(DeliveryReport.NONE);
            clock.advance(Pat4j.DEFAULT_NOTICE_LEASE.minusMillis(1));
            assertThat(b.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);
            clock.advance(Duration.ofMillis(1));

            assertThat(b.notices().deliverDue()).isEqualTo(new DeliveryReport(3, 0));
            assertThat(healthy.deliveries).hasSize(3).allSatisfy((key, n) -> assertThat(n).hasValue(1));
            assertThat(healthy.attempts).as("A's claim counted as the first attempt").containsOnly(2);
            assertThat(b.notices().list(NoticeState.DELIVERED, 10)).hasSize(3);
        } finally {
            never.countDown();
            thread.shutdownNow();
            assertThat(thread.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Counts deliveries per notice key; fails every send while {@link #down} is set. */
    static final class CountingSender implements NotificationSender {
        final AtomicBoolean down = new AtomicBoolean();
        final Map<String, AtomicInteger> deliveries;
        final List<Integer> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<NoticeKind, AtomicInteger> kinds = new ConcurrentHashMap<>();
        private final String name;

        CountingSender(String name) {
            this(name, new ConcurrentHashMap<>());
        }

        CountingSender(String name, Map<String, AtomicInteger> deliveries) {
            this.name = name;
            this.deliveries = deliveries;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(Notice notice) {
            if (down.get()) {
                throw new IllegalStateException("connection refused");
            }
            deliveries.computeIfAbsent(notice.key(), k -> new AtomicInteger()).incrementAndGet();
            kinds.computeIfAbsent(notice.kind(), k -> new AtomicInteger()).incrementAndGet();
            attempts.add(notice.attempt());
        }

        Map<NoticeKind, AtomicInteger> kinds() {
            return Map.copyOf(kinds);
        }

        Set<String> keys() {
            return Set.copyOf(deliveries.keySet());
        }
    }
}
