package dev.pat4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import dev.pat4j.store.DuplicateTokenIdException;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link NoticeOutbox} capability, as a reusable JUnit 5 suite for every
 * store that offers it: extend it and return a fresh, empty store from {@link #createStore()}.
 * Idempotent enqueueing by key, notices written atomically with their token's insert or update,
 * claims exclusive while their lease holds (also between threads racing), a lease that ran out
 * retaken, delivered notices never claimed again, failed ones claimed again from their next
 * attempt time and not before, and the operators' listing. Each test gets its own store.
 */
public abstract class OutboxContract {
    /** A moment with milliseconds, so stores that drop them fail the round trips. */
    protected static final Instant T0 = Instant.parse("2031-03-14T15:09:26.535Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final AtomicInteger ids = new AtomicInteger();
    protected TokenStore store;
    protected NoticeOutbox outbox;

    /** A new store with no tokens and an empty outbox. */
    protected abstract TokenStore createStore() throws Exception;

    /** Releases what {@link #createStore()} made; the default does nothing. */
    protected void disposeStore(TokenStore store) throws Exception {
    }

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
        outbox = store.capability(NoticeOutbox.class).orElseThrow(() -> new AssertionError(
                store + " does not offer the NoticeOutbox capability"));
    }

    @AfterEach
    void closeStore() throws Exception {
        disposeStore(store);
    }

    // ---- enqueue -----------------------------------------------------------------------------

    @Test
    void aNoticeIsEnqueuedOnceByKeyAndRoundTripsExactly() {
        OutboxNotice full = new OutboxNotice(nextId() + ":leaked", NoticeKind.LEAKED, "tok000000001", null,
                "Zoë 東京 \"admin\"; --", "https://paste.example/a?b=c&d='e'", T0);
        OutboxNotice expiring = OutboxNotice.expiring(nextId(), Duration.ofDays(7), T0.plus(7, ChronoUnit.DAYS), T0);

        assertThat(outbox.enqueue(full)).isTrue();
        assertThat(outbox.enqueue(expiring)).isTrue();
        OutboxNotice sameKey = new OutboxNotice(full.key(), NoticeKind.CREATED, "other", null, "mallory", null,
                T0.plusSeconds(5));
        assertThat(outbox.enqueue(sameKey)).as("the key is taken").isFalse();
        assertThat(outbox.enqueue(full)).isFalse();

        List<OutboxEntry> pending = outbox.list(NoticeState.PENDING, 10);
        assertThat(pending).extracting(OutboxEntry::notice).containsExactlyInAnyOrder(full, expiring);
        assertThat(pending).allSatisfy(e -> {
            assertThat(e.attempts()).isZero();
            assertThat(e.leaseOwner()).isNull();
            assertThat(e.leaseUntil()).isNull();
            assertThat(e.deliveredTo()).isEmpty();
            assertThat(e.nextAttemptAt()).isEqualTo(T0);
        });
        assertThat(pending.stream().filter(e -> e.notice().equals(expiring)).findFirst().orElseThrow().notice()
                .threshold()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aKeyOnceDeliveredCannotBeEnqueuedAgain() {
        OutboxNotice n = created(nextId(), T0);
        outbox.enqueue(n);
        claimOne(T0, "node-a");
        assertThat(outbox.markDelivered(n.key(), Set.of("mail"), T0.plusSeconds(1))).isTrue();

        assertThat(outbox.enqueue(n)).isFalse();
        assertThat(outbox.list(NoticeState.PENDING, 10)).isEmpty();
    }

    @Test
    void racingEnqueuesOfOneKeyAddItOnce() throws Exception {
        List<OutboxNotice> notices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            notices.add(OutboxNotice.expiring(nextId(), Duration.ofDays(7), T0.plus(3, ChronoUnit.DAYS), T0));
        }
        Map<String, AtomicInteger> added = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Void>> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(() -> {
                go.await();
                for (OutboxNotice n : notices) {
                    if (outbox.enqueue(n)) {
                        added.computeIfAbsent(n.key(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            });
        }
        runTogether(nodes, go);

        assertThat(added).hasSize(notices.size());
        assertThat(added.values()).allMatch(count -> count.get() == 1);
        assertThat(outbox.list(NoticeState.PENDING, 100)).hasSize(notices.size());
    }

    // ---- written with the change -------------------------------------------------------------

    @Test
    void anInsertWritesItsNoticeAndADuplicateIdWritesNeither() {
        StoredToken t = token(nextId(), T0);
        outbox.insertWithNotice(t, created(t.id(), T0));

        assertThat(store.find(t.id())).contains(t);
        assertThat(outbox.list(NoticeState.PENDING, 10)).extracting(e -> e.notice().key())
                .containsExactly(t.id() + ":created");
        assertThat(store.changesSince(0, 10)).extracting(c -> c.tokenId()).contains(t.id());

        StoredToken twin = token(t.id(), T0.plusSeconds(1));
        OutboxNotice other = OutboxNotice.of(NoticeKind.LEAKED, t.id(), null, null, T0.plusSeconds(1));
        assertThatThrownBy(() -> outbox.insertWithNotice(twin, other)).isInstanceOf(DuplicateTokenIdException.class);
        assertThat(outbox.list(NoticeState.PENDING, 10)).extracting(e -> e.notice().key())
                .containsExactly(t.id() + ":created");
    }

    @Test
    void anUpdateWritesItsNoticeAndALostRaceWritesNeither() {
        StoredToken t = token(nextId(), T0);
        store.insert(t);
        long head = store.changeHead();
        OutboxNotice revoked = OutboxNotice.of(NoticeKind.REVOKED_BY_ADMINISTRATOR, t.id(), "root", null, T0);

        assertThat(outbox.updateWithNotice(t.withRevocation(T0, "root"), revoked)).isTrue();
        assertThat(store.find(t.id()).orElseThrow().revoked()).isTrue();
        assertThat(store.changeHead()).as("the update is on the feed").isEqualTo(head + 1);
        assertThat(outbox.list(NoticeState.PENDING, 10)).extracting(OutboxEntry::notice).containsExactly(revoked);

        OutboxNotice stale = OutboxNotice.of(NoticeKind.LEAKED, t.id(), null, "x", T0);
        assertThat(outbox.updateWithNotice(t.withScopes("code:write"), stale)).as("version 1 is gone").isFalse();
        assertThat(store.changeHead()).isEqualTo(head + 1);
        assertThat(outbox.list(NoticeState.PENDING, 10)).extracting(OutboxEntry::notice).containsExactly(revoked);
    }

    // ---- claims and leases -------------------------------------------------------------------

    @Test
    void aClaimLeasesTheDueNoticesSoonestFirstUpToTheLimit() {
        OutboxNotice later = created(nextId(), T0.plusSeconds(2));
        OutboxNotice first = created(nextId(), T0);
        OutboxNotice notYet = created(nextId(), T0.plusSeconds(60));
        outbox.enqueue(later);
        outbox.enqueue(first);
        outbox.enqueue(notYet);
        Instant now = T0.plusSeconds(10);

        List<OutboxEntry> one = outbox.claimDue(now, "node-a", now.plus(LEASE), 1);
        assertThat(one).extracting(OutboxEntry::notice).containsExactly(first);
        OutboxEntry claimed = one.get(0);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.leaseOwner()).isEqualTo("node-a");
        assertThat(claimed.leaseUntil()).isEqualTo(now.plus(LEASE));
        assertThat(claimed.state()).isEqualTo(NoticeState.PENDING);

        assertThat(outbox.claimDue(now, "node-a", now.plus(LEASE), 10)).as("raised after now: not due")
                .extracting(OutboxEntry::notice).containsExactly(later);
    }

    @Test
    void whileALeaseHoldsNoOtherClaimGetsTheNotice() {
        OutboxNotice n = created(nextId(), T0);
        outbox.enqueue(n);
        assertThat(outbox.claimDue(T0, "node-a", T0.plus(LEASE), 10)).hasSize(1);

        assertThat(outbox.claimDue(T0, "node-b", T0.plus(LEASE), 10)).isEmpty();
        assertThat(outbox.claimDue(T0.plus(LEASE).minusMillis(1), "node-b", T0.plus(LEASE).plus(LEASE), 10))
                .as("a millisecond before the lease ends").isEmpty();
        assertThat(outbox.claimDue(T0.plusSeconds(1), "node-a", T0.plus(LEASE), 10))
                .as("the owner's own lease excludes it too").isEmpty();
    }

    @Test
    void racingClaimsTakeEachNoticeOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            OutboxNotice n = created(nextId(), T0);
            outbox.enqueue(n);
            keys.add(n.key());
        }
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger twice = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Void>> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String node = "node-" + i;
            nodes.add(() -> {
                go.await();
                List<OutboxEntry> batch;
                do {
                    batch = outbox.claimDue(T0, node, T0.plus(LEASE), 3);
                    for (OutboxEntry e : batch) {
                        if (claimedBy.putIfAbsent(e.notice().key(), node) != null) {
                            twice.incrementAndGet();
                        }
                    }
                } while (!batch.isEmpty());
                return null;
            });
        }
        runTogether(nodes, go);

        assertThat(twice).as("notices claimed by two nodes").hasValue(0);
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void aLeaseThatRanOutIsRetakenAndItsFormerOwnerCanNoLongerFailIt() {
        OutboxNotice n = created(nextId(), T0);
        outbox.enqueue(n);
        claimOne(T0, "node-a");
        Instant expired = T0.plus(LEASE);

        List<OutboxEntry> retaken = outbox.claimDue(expired, "node-b", expired.plus(LEASE), 10);
        assertThat(retaken).hasSize(1);
        assertThat(retaken.get(0).attempts()).as("the lost attempt counts").isEqualTo(2);
        assertThat(retaken.get(0).leaseOwner()).isEqualTo("node-b");

        assertThat(outbox.markFailed(n.key(), "node-a", Set.of(), expired.plusSeconds(60), "late"))
                .as("node-a's lease is gone").isFalse();
        assertThat(outbox.list(NoticeState.PENDING, 10)).extracting(OutboxEntry::leaseOwner).containsExactly("node-b");
        assertThat(outbox.markFailed(n.key(), "node-b", Set.of("mail"), expired.plusSeconds(60), "webhook: 503"))
                .isTrue();
    }

    // ---- delivered and failed ----------------------------------------------------------------

    @Test
    void aDeliveredNoticeIsNeverClaimedAgain() {
        OutboxNotice n = created(nextId(), T0);
        outbox.enqueue(n);
        claimOne(T0, "node-a");

        assertThat(outbox.markDelivered(n.key(), Set.of("webhook", "mail"), T0.plusSeconds(3))).isTrue();
        assertThat(outbox.markDelivered(n.key(), Set.of("other"), T0.plusSeconds(4))).as("once").isFalse();
        assertThat(outbox.markFailed(n.key(), "node-a", Set.of(), T0.plusSeconds(60), "too late")).isFalse();

        Instant muchLater = T0.plus(365, ChronoUnit.DAYS);
        assertThat(outbox.claimDue(muchLater, "node-b", muchLater.plus(LEASE), 10)).isEmpty();
        OutboxEntry delivered = outbox.list(NoticeState.DELIVERED, 10).get(0);
        assertThat(delivered.notice()).isEqualTo(n);
        assertThat(delivered.deliveredTo()).containsExactly("mail", "webhook");
        assertThat(delivered.deliveredAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(delivered.leaseOwner()).isNull();
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(outbox.markDelivered("nosuchkey", Set.of(), T0)).isFalse();
    }

    @Test
    void aDeliveryThatOutlivedItsLeaseStillStands() {
        OutboxNotice n = created(nextId(), T0);
        outbox.enqueue(n);
        claimOne(T0, "node-a");
        Instant late = T0.plus(LEASE).plusSeconds(1);
        claimOne(late, "node-b");

        assertThat(outbox.markDelivered(n.key(), Set.of("mail"), late)).isTrue();
        assertThat(outbox.markFailed(n.key(), "node-b", Set.of(), late.plusSeconds(60), "x")).isFalse();
        assertThat(outbox.list(NoticeState.DELIVERED, 10)).hasSize(1);
    }

    @Test
    void aFailedNoticeIsClaimedAgainFromItsNextAttemptAndKeepsWhatWasDelivered() {
        OutboxNotice n = created(nextId(), T0);
        outbox.enqueue(n);
        claimOne(T0, "node-a");
        Instant next = T0.plusSeconds(60);
        String error = "webhook failed: java.io.IOException: 503 " + "x".repeat(OutboxEntry.MAX_ERROR_LENGTH);

        assertThat(outbox.markFailed(n.key(), "node-a", Set.of("mail"), next, error)).isTrue();

        OutboxEntry failed = outbox.list(NoticeState.FAILED, 10).get(0);
        assertThat(failed.nextAttemptAt()).isEqualTo(next);
        assertThat(failed.deliveredTo()).containsExactly("mail");
        assertThat(failed.leaseOwner()).isNull();
        assertThat(failed.lastError()).startsWith("webhook failed: java.io.IOException: 503")
                .hasSizeLessThanOrEqualTo(OutboxEntry.MAX_ERROR_LENGTH);
        assertThat(outbox.list(NoticeState.PENDING, 10)).isEmpty();
        assertThat(outbox.claimDue(next.minusMillis(1), "node-b", next.plus(LEASE), 10)).as("before its backoff")
                .isEmpty();

        List<OutboxEntry> again = outbox.claimDue(next, "node-b", next.plus(LEASE), 10);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempts()).isEqualTo(2);
        assertThat(again.get(0).state()).isEqualTo(NoticeState.FAILED);
        assertThat(again.get(0).deliveredTo()).containsExactly("mail");
        assertThat(outbox.markDelivered(n.key(), Set.of("mail", "webhook"), next.plusSeconds(1))).isTrue();
        assertThat(outbox.list(NoticeState.FAILED, 10)).isEmpty();
    }

    // ---- listing -----------------------------------------------------------------------------

    @Test
    void theListingShowsEachStateNewestFirstUpToTheLimit() {
        OutboxNotice a = created(nextId(), T0);
        OutboxNotice b = created(nextId(), T0.plusSeconds(1));
        OutboxNotice c = created(nextId(), T0.plusSeconds(2));
        OutboxNotice d = created(nextId(), T0.plusSeconds(3));
        for (OutboxNotice n : List.of(a, b, c, d)) {
            outbox.enqueue(n);
        }
        Instant now = T0.plusSeconds(10);
        List<OutboxEntry> claimed = outbox.claimDue(now, "node-a", now.plus(LEASE), 2);
        assertThat(claimed).extracting(OutboxEntry::notice).containsExactly(a, b);
        outbox.markDelivered(a.key(), Set.of("mail"), now);
        outbox.markFailed(b.key(), "node-a", Set.of(), now.plusSeconds(60), "mail failed");

        assertThat(outbox.list(NoticeState.PENDING, 10)).extracting(OutboxEntry::notice).containsExactly(d, c);
        assertThat(outbox.list(NoticeState.PENDING, 1)).extracting(OutboxEntry::notice).containsExactly(d);
        assertThat(outbox.list(NoticeState.FAILED, 10)).extracting(OutboxEntry::notice).containsExactly(b);
        assertThat(outbox.list(NoticeState.DELIVERED, 10)).extracting(OutboxEntry::notice).containsExactly(a);
        assertThatThrownBy(() -> outbox.list(NoticeState.PENDING, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCountOfEachStateMovesWithClaimsDeliveriesAndFailures() {
        for (NoticeState state : NoticeState.values()) {
            assertThat(outbox.count(state)).as("empty: %s", state).isZero();
        }
        OutboxNotice a = created(nextId(), T0);
        OutboxNotice b = created(nextId(), T0.plusSeconds(1));
        OutboxNotice c = created(nextId(), T0.plusSeconds(2));
        for (OutboxNotice n : List.of(a, b, c)) {
            outbox.enqueue(n);
        }
        outbox.enqueue(a); // its key is there: not counted twice
        assertThat(outbox.count(NoticeState.PENDING)).isEqualTo(3);

        Instant now = T0.plusSeconds(10);
        assertThat(outbox.claimDue(now, "node-a", now.plus(LEASE), 2)).hasSize(2);
        assertThat(outbox.count(NoticeState.PENDING)).as("a notice under its first attempt is pending").isEqualTo(3);
        outbox.markDelivered(a.key(), Set.of("mail"), now);
        outbox.markFailed(b.key(), "node-a", Set.of(), now.plusSeconds(60), "mail failed");

        assertThat(outbox.count(NoticeState.PENDING)).isEqualTo(1);
        assertThat(outbox.count(NoticeState.FAILED)).isEqualTo(1);
        assertThat(outbox.count(NoticeState.DELIVERED)).isEqualTo(1);
        for (NoticeState state : NoticeState.values()) {
            assertThat(outbox.count(state)).as("the count agrees with the listing: %s", state)
                    .isEqualTo(outbox.list(state, 1000).size());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A distinct 12-character token id per call. */
    protected final String nextId() {
        return String.format("box%09d", ids.incrementAndGet());
    }

    /** The creation notice of {@code tokenId}, raised at {@code at}. */
    protected static OutboxNotice created(String tokenId, Instant at) {
        return OutboxNotice.of(NoticeKind.CREATED, tokenId, "alice", null, at);
    }

    /** A plain token (version 1) created at {@code at}, expiring thirty days later. */
    protected static StoredToken token(String id, Instant at) {
        byte[] salt = new byte[16];
        byte[] hash = new byte[32];
        salt[0] = (byte) id.hashCode();
        return new StoredToken(id, "alice", "token " + id, "acme", "code:read", at, "alice",
                at.plus(30, ChronoUnit.DAYS), null, null, null, salt, hash, "SHA-256", false, 1);
    }

    private void claimOne(Instant now, String node) {
        assertThat(outbox.claimDue(now, node, now.plus(LEASE), 10)).hasSize(1);
    }

    private static <T> void runTogether(List<Callable<T>> tasks, CountDownLatch go) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            go.countDown();
            for (Future<T> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
