package dev.pat4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.InvalidCursorException;
import dev.pat4j.lifecycle.TokenPage;
import dev.pat4j.lifecycle.TokenQuery;
import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.lifecycle.TokenStateException;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.ChangeAnnouncer;
import dev.pat4j.store.DuplicateTokenIdException;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.SettingsFingerprintStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenPaging;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The behaviour every {@link TokenStore} must show, as a reusable JUnit 5 suite: extend it,
 * return a fresh, empty store from {@link #createStore()}, and every test here runs against
 * it: round trips, listing order, optimistic versions, bookkeeping, the change feed, expiry
 * notice claims, races between nodes sharing the store, and the optional capabilities: for
 * {@link ChangeAnnouncer}, the store's own or what pat4j does without it; for
 * {@code SettingsFingerprintStore} and {@link LiveTokenIds}, the store's if it offers one. Each test gets its own store;
 * the suite's state is per instance, so JUnit may run subclasses in parallel.
 */
public abstract class TokenStoreContract {
    /** A moment with milliseconds, so stores that drop them fail the round trip. */
    protected static final Instant T0 = Instant.parse("2031-03-14T15:09:26.535Z");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    protected TokenStore store;
    private final AtomicInteger ids = new AtomicInteger();

    /** A new store with no tokens and no changes. */
    protected abstract TokenStore createStore() throws Exception;

    /** Releases what {@link #createStore()} made; the default does nothing. */
    protected void disposeStore(TokenStore store) throws Exception {
    }

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        disposeStore(store);
    }

    // ---- insert and find -------------------------------------------------------------------

    @Test
    void everyFieldRoundTripsExactly() {
        byte[] salt = new byte[256];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) i; // every byte value, 0x00 and 0xFF included
        }
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) (0xFF - i * 7);
        }
        StoredToken full = new StoredToken(nextId(), "Zoë Ölçer 東京 🚀",
                "it's \"quoted\"; DROP TABLE pat4j_token; --", "acme-corp", "build:read code:write", T0,
                "admin@example.com", "Service Hooks: Azure App Service: Deploy web app é東 \"q\"; --",
                Instant.parse("2999-12-31T23:59:59.999Z"),
                Instant.parse("2031-03-15T00:00:00.001Z"), "security-team", Instant.parse("1969-07-20T20:17:40.999Z"),
                salt, hash, "ARGON2ID", true, 7);
        StoredToken bare = token(nextId(), "bob", T0.plusMillis(1), T0.plus(30, ChronoUnit.DAYS));
        bare = new StoredToken(bare.id(), bare.owner(), bare.name(), null, bare.scopes(), bare.createdAt(),
                bare.createdBy(), bare.expiresAt(), null, null, null, new byte[16], new byte[32], "SHA-256", false, 1);

        store.insert(full);
        store.insert(bare);

        assertThat(store.find(full.id())).contains(full);
        assertThat(store.find(bare.id())).contains(bare);
        assertThat(store.findByOwner(full.owner())).containsExactly(full);
        assertThat(store.find(full.id()).orElseThrow().salt()).containsExactly(salt);
        assertThat(store.find(full.id()).orElseThrow().createdAt()).isEqualTo(T0);
        assertThat(store.find(full.id()).orElseThrow().createdVia()).isEqualTo(full.createdVia());
        assertThat(store.find(bare.id()).orElseThrow().createdVia()).isNull();

        StoredToken rescoped = full.withScopes("code:read");
        assertThat(store.update(rescoped)).isTrue();
        assertThat(store.find(full.id())).as("an update keeps who and what created the token").contains(rescoped);
    }

    @Test
    void anUnknownOrNullIdFindsNothing() {
        store.insert(token(nextId(), "alice", T0, T0.plus(1, ChronoUnit.DAYS)));
        assertThat(store.find("nosuchtoken0")).isEmpty();
        assertThat(store.find(null)).isEmpty();
    }

    @Test
    void aDuplicateIdIsRefusedAndTheFirstTokenKept() {
        StoredToken first = token(nextId(), "alice", T0, T0.plus(1, ChronoUnit.DAYS));
        StoredToken second = token(first.id(), "mallory", T0.plusSeconds(1), T0.plus(2, ChronoUnit.DAYS));
        store.insert(first);

        assertThatThrownBy(() -> store.insert(second)).isInstanceOf(DuplicateTokenIdException.class)
                .hasMessageContaining(first.id());
        assertThat(store.find(first.id())).contains(first);
        assertThat(store.findByOwner("mallory")).isEmpty();
    }

    @Test
    void findByOwnerListsEveryTokenOfThatOwnerNewestFirst() {
        StoredToken middle = token(nextId(), "alice", T0, T0.plus(1, ChronoUnit.DAYS));
        StoredToken newest = token(nextId(), "alice", T0.plusSeconds(3600), T0.plus(1, ChronoUnit.DAYS));
        StoredToken oldest = token(nextId(), "alice", T0.minusSeconds(3600), T0.minusSeconds(1)); // expired
        StoredToken revoked = token(nextId(), "alice", T0.plusMillis(1), T0.plus(1, ChronoUnit.DAYS))
                .withRevocation(T0.plusSeconds(5), "alice");
        StoredToken bobs = token(nextId(), "bob", T0.plusSeconds(7200), T0.plus(1, ChronoUnit.DAYS));
        for (StoredToken t : List.of(middle, bobs, oldest, newest, revoked)) {
            store.insert(t);
        }

        assertThat(store.findByOwner("alice")).containsExactly(newest, revoked, middle, oldest);
        assertThat(store.findByOwner("bob")).containsExactly(bobs);
        assertThat(store.findByOwner("carol")).isEmpty();
        assertThat(store.findByOwner("ALICE")).isEmpty();
    }

    @Test
    void findExpiringTakesTokensAfterFromUpToAndIncludingToSoonestFirstAndSkipsRevoked() {
        Instant to = T0.plus(7, ChronoUnit.DAYS);
        StoredToken atFrom = expiring(T0);
        StoredToken justAfterFrom = expiring(T0.plusMillis(1));
        StoredToken inside = expiring(T0.plus(3, ChronoUnit.DAYS));
        StoredToken atTo = expiring(to);
        StoredToken afterTo = expiring(to.plusMillis(1));
        StoredToken expired = expiring(T0.minus(1, ChronoUnit.DAYS));
        StoredToken revoked = expiring(T0.plus(2, ChronoUnit.DAYS)).withRevocation(T0, "admin");
        for (StoredToken t : List.of(atTo, revoked, inside, afterTo, atFrom, expired, justAfterFrom)) {
            store.insert(t);
        }

        assertThat(store.findExpiring(T0, to)).containsExactly(justAfterFrom, inside, atTo);
        assertThat(store.findExpiring(to, to.plus(1, ChronoUnit.DAYS))).containsExactly(afterTo);
    }

    @Test
    void countActiveCountsOnlyTheOwnersTokensThatAreNeitherRevokedNorExpired() {
        store.insert(token(nextId(), "alice", T0, T0.plusSeconds(60)));
        store.insert(token(nextId(), "alice", T0, T0.plusMillis(1)));
        store.insert(token(nextId(), "alice", T0.minusSeconds(60), T0)); // expires exactly now: not active
        store.insert(token(nextId(), "alice", T0, T0.plusSeconds(60)).withRevocation(T0, "alice"));
        store.insert(token(nextId(), "bob", T0, T0.plusSeconds(60)));

        assertThat(store.countActive("alice", T0)).isEqualTo(2);
        assertThat(store.countActive("alice", T0.plusMillis(1))).isEqualTo(1);
        assertThat(store.countActive("bob", T0)).isEqualTo(1);
        assertThat(store.countActive("carol", T0)).isZero();
    }

    // ---- optimistic update -----------------------------------------------------------------

    @Test
    void updateWritesOnlyOverTheVersionItWasDerivedFrom() {
        StoredToken v1 = token(nextId(), "alice", T0, T0.plus(30, ChronoUnit.DAYS));
        store.insert(v1);
        long head = store.changeHead();

        assertThat(store.update(v1)).as("same version").isFalse();
        StoredToken v2 = v1.withScopes("code:write");
        assertThat(store.update(v2)).isTrue();
        assertThat(store.find(v1.id())).contains(v2);

        assertThat(store.update(v1.withExpiry(T0.plus(60, ChronoUnit.DAYS)))).as("stale").isFalse();
        assertThat(store.update(v2.withScopes("x").withScopes("code:read"))).as("skips a version").isFalse();
        assertThat(store.update(token("nosuchtoken0", "alice", T0, T0.plusSeconds(1)).withScopes("a")))
                .as("unknown id").isFalse();
        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.changesSince(head, 10)).containsExactly(new TokenChange(head + 1, v1.id()));
        assertThat(store.changeHead()).isEqualTo(head + 1);
    }

    @Test
    void updateReplacesEveryFieldThatMayChange() {
        StoredToken v1 = token(nextId(), "alice", T0, T0.plus(30, ChronoUnit.DAYS));
        store.insert(v1);
        StoredToken v2 = v1.withRevocation(T0.plusSeconds(90).plusMillis(7), "admin");
        assertThat(store.update(v2)).isTrue();
        StoredToken v3 = v2.withHash(new byte[] {9, 8, 7}, new byte[] {(byte) 0xFE, 0, 1}, "HMAC-SHA-256");
        assertThat(store.update(v3)).isTrue();
        StoredToken v4 = v3.withName("renamed: Zoë's laptop 東京");
        assertThat(store.update(v4)).isTrue();

        StoredToken read = store.find(v1.id()).orElseThrow();
        assertThat(read).isEqualTo(v4);
        assertThat(read.name()).isEqualTo("renamed: Zoë's laptop 東京");
        assertThat(read.revoked()).isTrue();
        assertThat(read.version()).isEqualTo(4);
        assertThat(store.findByOwner("alice")).containsExactly(v4);
    }

    // ---- change feed -----------------------------------------------------------------------

    /** Other nodes learn of a new token from the feed (their filters of live ids add it). */
    @Test
    void anInsertAppendsItsIdToTheChangeFeed() {
        long head = store.changeHead();
        StoredToken first = token(nextId(), "alice", T0, T0.plus(30, ChronoUnit.DAYS));
        StoredToken second = token(nextId(), "bob", T0, T0.plus(30, ChronoUnit.DAYS));
        store.insert(first);
        store.insert(second);

        assertThat(store.changesSince(head, 10)).containsExactly(new TokenChange(head + 1, first.id()),
                new TokenChange(head + 2, second.id()));
        assertThat(store.changeHead()).isEqualTo(head + 2);
        assertThatThrownBy(() -> store.insert(first)).isInstanceOf(DuplicateTokenIdException.class);
        assertThat(store.changeHead()).as("a refused insert appends nothing").isEqualTo(head + 2);
    }

    @Test
    void theChangeFeedOfANewStoreIsEmpty() {
        assertThat(store.changeHead()).isZero();
        assertThat(store.changesSince(0, 10)).isEmpty();
    }

    @Test
    void everyUpdateAppendsOneChangeNumberedWithoutGapsAndReadableInPages() {
        StoredToken a = token(nextId(), "alice", T0, T0.plus(30, ChronoUnit.DAYS));
        StoredToken b = token(nextId(), "bob", T0, T0.plus(30, ChronoUnit.DAYS));
        store.insert(a);
        store.insert(b);
        long head = store.changeHead();

        List<String> expected = new ArrayList<>();
        StoredToken currentA = a;
        StoredToken currentB = b;
        for (int i = 0; i < 3; i++) {
            currentA = currentA.withScopes("a" + i);
            assertThat(store.update(currentA)).isTrue();
            expected.add(a.id());
            currentB = currentB.withExpiry(T0.plus(31 + i, ChronoUnit.DAYS));
            assertThat(store.update(currentB)).isTrue();
            expected.add(b.id());
        }
        assertThat(store.update(a.withScopes("stale"))).isFalse();

        assertThat(store.changeHead()).isEqualTo(head + 6);
        List<TokenChange> all = store.changesSince(head, 100);
        assertThat(all).extracting(TokenChange::sequence)
                .containsExactly(head + 1, head + 2, head + 3, head + 4, head + 5, head + 6);
        assertThat(all).extracting(TokenChange::tokenId).containsExactlyElementsOf(expected);
        assertThat(store.changesSince(head, 4)).containsExactlyElementsOf(all.subList(0, 4));
        assertThat(store.changesSince(head + 4, 4)).containsExactlyElementsOf(all.subList(4, 6));
        assertThat(store.changesSince(head + 6, 4)).isEmpty();
    }

    @Test
    void aFollowerReadingWhileWritersCommitSeesEveryChangeInOrderWithoutGaps() throws Exception {
        int writers = 4;
        int updatesEach = 25;
        List<StoredToken> tokens = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            StoredToken t = token(nextId(), "writer" + w, T0, T0.plus(30, ChronoUnit.DAYS));
            store.insert(t);
            tokens.add(t);
        }
        long start = store.changeHead();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> writing = new ArrayList<>();
            for (StoredToken t : tokens) {
                writing.add(pool.submit(() -> {
                    go.await();
                    StoredToken current = t;
                    for (int i = 0; i < updatesEach; i++) {
                        current = current.withScopes("s" + i);
                        assertThat(store.update(current)).isTrue();
                    }
                    return null;
                }));
            }
            Future<List<TokenChange>> following = pool.submit(() -> {
                go.await();
                List<TokenChange> seen = new ArrayList<>();
                long cursor = start;
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (cursor < start + (long) writers * updatesEach && System.nanoTime() < deadline) {
                    for (TokenChange c : store.changesSince(cursor, 7)) {
                        seen.add(c);
                        cursor = c.sequence();
                    }
                }
                return seen;
            });
            go.countDown();
            for (Future<?> f : writing) {
                f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            List<TokenChange> seen = following.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            // Read live, page by page: had a change become visible before an earlier-numbered one,
            // the follower would have stepped over the earlier one and this list would have a gap.
            assertThat(seen).hasSize(writers * updatesEach);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i).sequence()).isEqualTo(start + i + 1);
            }
            Map<String, Integer> perToken = new HashMap<>();
            seen.forEach(c -> perToken.merge(c.tokenId(), 1, Integer::sum));
            tokens.forEach(t -> assertThat(perToken.get(t.id())).isEqualTo(updatesEach));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUpdatesOfOneTokenLoseNone() throws Exception {
        StoredToken t = new StoredToken(nextId(), "alice", "counter", "acme", "0", T0, "alice",
                T0.plus(30, ChronoUnit.DAYS), null, null, null, new byte[16], new byte[32], "SHA-256", false, 1);
        store.insert(t);
        long head = store.changeHead();
        int threads = 6;
        int incrementsEach = 15;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            work.add(() -> {
                go.await();
                int conflicts = 0;
                for (int done = 0; done < incrementsEach; ) {
                    StoredToken current = store.find(t.id()).orElseThrow();
                    String counted = String.valueOf(Integer.parseInt(current.scopes()) + 1);
                    if (store.update(current.withScopes(counted))) {
                        done++;
                    } else if (++conflicts > 100_000) {
                        throw new AssertionError("no progress");
                    }
                }
                return conflicts;
            });
        }
        runTogether(work, go);

        StoredToken last = store.find(t.id()).orElseThrow();
        int total = threads * incrementsEach;
        assertThat(last.scopes()).isEqualTo(String.valueOf(total));
        assertThat(last.version()).isEqualTo(1 + total);
        List<TokenChange> changes = store.changesSince(head, total + 10);
        assertThat(changes).hasSize(total).allMatch(c -> c.tokenId().equals(t.id()));
        assertThat(changes.get(total - 1).sequence()).isEqualTo(head + total);
    }

    // ---- bookkeeping: expiry notice and last use -------------------------------------------

    @Test
    void anExpiryNoticeIsClaimedOnceWithoutNewVersionOrChange() {
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(t);
        long head = store.changeHead();

        assertThat(store.claimExpiryNotice(t.id(), t.expiresAt())).isTrue();
        assertThat(store.claimExpiryNotice(t.id(), t.expiresAt())).isFalse();
        assertThat(store.claimExpiryNotice("nosuchtoken0", T0)).isFalse();

        StoredToken read = store.find(t.id()).orElseThrow();
        assertThat(read.expiryNotified()).isTrue();
        assertThat(read.version()).isEqualTo(1);
        assertThat(store.changeHead()).isEqualTo(head);
    }

    @Test
    void racingClaimsOfANoticeHaveExactlyOneWinnerPerToken() throws Exception {
        List<StoredToken> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
            store.insert(t);
            tokens.add(t);
        }
        Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> claimers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            claimers.add(() -> {
                go.await();
                for (StoredToken t : tokens) {
                    if (store.claimExpiryNotice(t.id(), t.expiresAt())) {
                        wins.computeIfAbsent(t.id(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return 0;
            });
        }
        runTogether(claimers, go);

        assertThat(wins).hasSize(tokens.size());
        assertThat(wins.values()).allMatch(w -> w.get() == 1);
    }

    @Test
    void movingTheExpiryReArmsTheNotice() {
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(t);
        assertThat(store.claimExpiryNotice(t.id(), t.expiresAt())).isTrue();

        StoredToken claimed = store.find(t.id()).orElseThrow();
        assertThat(store.update(claimed.withExpiry(T0.plus(5, ChronoUnit.DAYS)))).isTrue();

        assertThat(store.find(t.id()).orElseThrow().expiryNotified()).isFalse();
        assertThat(store.claimExpiryNotice(t.id(), t.expiresAt())).as("the old expiry is not announced").isFalse();
        Instant moved = T0.plus(5, ChronoUnit.DAYS);
        assertThat(store.claimExpiryNotice(t.id(), moved)).isTrue();
        assertThat(store.claimExpiryNotice(t.id(), moved)).isFalse();
    }

    @Test
    void aNotifierThatReadTheOldExpiryCannotClaimAfterAnExtend() {
        StoredToken read = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(read);
        assertThat(store.update(read.withExpiry(T0.plus(60, ChronoUnit.DAYS)))).isTrue(); // extend races the notifier

        assertThat(store.claimExpiryNotice(read.id(), read.expiresAt())).isFalse();
        assertThat(store.find(read.id()).orElseThrow().expiryNotified()).isFalse();
    }

    @Test
    void anUpdateReadBeforeAClaimDoesNotUndoTheClaim() {
        StoredToken read = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(read);
        assertThat(store.claimExpiryNotice(read.id(), read.expiresAt())).isTrue(); // another node, after our read

        assertThat(store.update(read.withScopes("code:write"))).isTrue();

        assertThat(store.find(read.id()).orElseThrow().expiryNotified()).isTrue();
        assertThat(store.claimExpiryNotice(read.id(), read.expiresAt())).as("same token, same expiry: announced once").isFalse();
    }

    @Test
    void lastUsedTimesAreBatchedNeverMoveBackwardsAndBumpNoVersion() {
        StoredToken a = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        StoredToken b = token(nextId(), "bob", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(a);
        store.insert(b);
        long head = store.changeHead();
        Instant t1 = T0.plusSeconds(60).plusMillis(250);

        store.recordLastUsed(Map.of(a.id(), t1));
        assertThat(store.find(a.id()).orElseThrow().lastUsedAt()).isEqualTo(t1);
        store.recordLastUsed(Map.of(a.id(), t1.minusMillis(1), b.id(), t1.minusSeconds(1)));
        assertThat(store.find(a.id()).orElseThrow().lastUsedAt()).isEqualTo(t1);
        assertThat(store.find(b.id()).orElseThrow().lastUsedAt()).isEqualTo(t1.minusSeconds(1));
        store.recordLastUsed(Map.of(a.id(), t1.plusMillis(1), b.id(), t1, "nosuchtoken0", t1));
        store.recordLastUsed(Map.of());

        assertThat(store.find(a.id())).contains(a.withBookkeeping(t1.plusMillis(1), false));
        assertThat(store.find(b.id())).contains(b.withBookkeeping(t1, false));
        assertThat(store.find("nosuchtoken0")).isEmpty();
        assertThat(store.changeHead()).isEqualTo(head);
    }

    @Test
    void anUpdateNeverMovesLastUsedBackwards() {
        StoredToken read = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(read);
        Instant used = T0.plusSeconds(30);
        store.recordLastUsed(Map.of(read.id(), used)); // after our read

        StoredToken v2 = read.withScopes("code:write");
        assertThat(store.update(v2)).isTrue();
        assertThat(store.find(read.id()).orElseThrow().lastUsedAt()).isEqualTo(used);

        StoredToken later = v2.withScopes("code:read").withBookkeeping(used.plusSeconds(1), false);
        assertThat(store.update(later)).isTrue();
        assertThat(store.find(read.id()).orElseThrow().lastUsedAt()).isEqualTo(used.plusSeconds(1));
    }

    @Test
    void aChangeSubscriptionCanBeClosed() throws Exception {
        AutoCloseable subscription = store.onChange(() -> { });
        assertThat(subscription).isNotNull();
        subscription.close();
    }

    // ---- through the service ---------------------------------------------------------------

    /**
     * The service derives every change from the version it read and retries when it lost; an
     * extension of a revoked token is refused. So whichever commits first, the token ends revoked.
     */
    @Test
    void aRevocationAlwaysWinsOverARacingExtension() throws Exception {
        try (Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).build()) {
            Actor alice = Actor.user("alice");
            Actor admin = Actor.administrator("admin");
            int extensionsApplied = 0;
            for (int round = 0; round < 12; round++) {
                IssuedToken issued = pat4j.tokens().create(NewToken.builder("alice", "race " + round)
                        .organization("acme").lifespan(Duration.ofDays(10)).scopes("code:read").build(), alice);
                String id = issued.info().id();
                Instant later = pat4j.clock().instant().plus(Duration.ofDays(20 + round));
                CountDownLatch go = new CountDownLatch(1);
                AtomicInteger extended = new AtomicInteger();
                List<Callable<Integer>> racers = new ArrayList<>();
                for (int e = 0; e < 2; e++) {
                    racers.add(() -> {
                        go.await();
                        try {
                            pat4j.tokens().extend(id, later, alice);
                            extended.incrementAndGet();
                        } catch (TokenStateException refused) {
                            assertThat(refused.state()).isEqualTo(TokenState.REVOKED);
                        }
                        return 0;
                    });
                }
                racers.add(() -> {
                    go.await();
                    assertThat(pat4j.tokens().revoke(id, admin).state()).isEqualTo(TokenState.REVOKED);
                    return 0;
                });
                runTogether(racers, go);

                StoredToken last = store.find(id).orElseThrow();
                assertThat(last.revoked()).isTrue();
                assertThat(last.revokedBy()).isEqualTo("admin");
                assertThat(last.version()).as("one version per applied change").isEqualTo(2 + extended.get());
                assertThat(pat4j.validator().check("Bearer " + issued.token()))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, id));
                extensionsApplied += extended.get();
            }
            assertThat(extensionsApplied).isBetween(0, 24);
        }
    }

    /**
     * {@code ownerChanged} puts each active token of the owner on the change feed, so that every
     * node reads it again: through {@link ChangeAnnouncer} where the store offers it (no token
     * changes), else by an update to the next version (nothing else changes).
     */
    @Test
    void anOwnerChangePutsEachActiveTokenOfTheOwnerOnTheFeedAndNoOther() {
        MutableClock clock = new MutableClock(T0);
        try (Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).clock(clock).build()) {
            Actor alice = Actor.user("alice");
            IssuedToken expired = pat4j.tokens().create(request("alice", "soon over", Duration.ofHours(1)), alice);
            clock.advance(Duration.ofHours(2));
            IssuedToken first = pat4j.tokens().create(request("alice", "first", Duration.ofDays(10)), alice);
            IssuedToken second = pat4j.tokens().create(request("alice", "second", Duration.ofDays(10)), alice);
            IssuedToken revoked = pat4j.tokens().create(request("alice", "revoked", Duration.ofDays(10)), alice);
            pat4j.tokens().revoke(revoked.info().id(), alice);
            IssuedToken bobs = pat4j.tokens().create(request("bob", "bob's", Duration.ofDays(10)), Actor.user("bob"));
            Map<String, StoredToken> before = new HashMap<>();
            for (IssuedToken t : List.of(expired, first, second, revoked, bobs)) {
                before.put(t.info().id(), store.find(t.info().id()).orElseThrow());
            }
            long head = store.changeHead();

            assertThat(pat4j.tokens().ownerChanged("alice")).isEqualTo(2);
            assertThat(pat4j.tokens().ownerChanged("nobody")).isZero();

            List<TokenChange> changes = store.changesSince(head, 10);
            assertThat(changes).extracting(TokenChange::sequence).containsExactly(head + 1, head + 2);
            assertThat(changes).extracting(TokenChange::tokenId)
                    .containsExactlyInAnyOrder(first.info().id(), second.info().id());
            boolean announces = store.capability(ChangeAnnouncer.class).isPresent();
            for (IssuedToken t : List.of(first, second)) {
                StoredToken was = before.get(t.info().id());
                assertThat(store.find(t.info().id())).as("announced, otherwise unchanged")
                        .contains(announces ? was : was.withScopes(was.scopes()));
            }
            for (IssuedToken t : List.of(expired, revoked, bobs)) {
                assertThat(store.find(t.info().id())).contains(before.get(t.info().id()));
            }
        }
    }

    /**
     * A store offering {@link ChangeAnnouncer} appends one change per id, in order and numbered
     * like updates, changing nothing else; without it, pat4j announces a token by updating it to
     * its next version unchanged, which must append exactly one change.
     */
    @Test
    void announcedChangesAreNumberedInOrderWithoutGapsAndChangeNoToken() {
        StoredToken t = token(nextId(), "alice", T0, T0.plus(30, ChronoUnit.DAYS));
        store.insert(t);
        long head = store.changeHead();
        java.util.Optional<ChangeAnnouncer> announcer = store.capability(ChangeAnnouncer.class);
        if (announcer.isPresent()) {
            announcer.get().announceChanges(List.of(t.id(), "nosuchtoken0", t.id()));
            announcer.get().announceChanges(List.of());

            assertThat(store.changesSince(head, 10)).containsExactly(new TokenChange(head + 1, t.id()),
                    new TokenChange(head + 2, "nosuchtoken0"), new TokenChange(head + 3, t.id()));
            assertThat(store.changeHead()).isEqualTo(head + 3);
            assertThat(store.find(t.id())).contains(t);
            assertThat(store.find("nosuchtoken0")).isEmpty();
        } else {
            assertThat(store.update(t.withScopes(t.scopes()))).isTrue();

            assertThat(store.changesSince(head, 10)).containsExactly(new TokenChange(head + 1, t.id()));
            assertThat(store.find(t.id())).contains(t.withScopes(t.scopes()));
        }
    }

    // ---- paging (TokenPaging, or pat4j's fallback for a store without it) -------------------

    /**
     * Lists a page at a time through the service, which uses the store's {@link TokenPaging}
     * where it offers it and otherwise the owner's tokens, filtered and sorted in memory: the
     * same answers either way.
     */
    private Pat4j paging(MutableClock clock) {
        return Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).clock(clock).build();
    }

    /**
     * 250 tokens of alice, inserted directly: creation times tie in groups of three, names repeat
     * in two cases, expiries spread over 500 hours, every seventh revoked; and some of bob's.
     */
    private List<StoredToken> insertMany(String owner, int count) {
        List<StoredToken> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant created = T0.plusMillis(i / 3 * 5L);
            StoredToken t = named(token(nextId(), owner, created, T0.plus(1 + (i * 37L) % 500, ChronoUnit.HOURS)),
                    (i % 2 == 0 ? "Build " : "deploy ") + (i % 40));
            if (i % 7 == 0) {
                t = revokedAt(t, created.plusSeconds(1));
            }
            store.insert(t);
            all.add(t);
            if (i % 50 == 0) {
                store.insert(named(token(nextId(), "bob", created, T0.plus(1, ChronoUnit.DAYS)), "Build " + i));
            }
        }
        return all;
    }

    private static StoredToken named(StoredToken t, String name) {
        return new StoredToken(t.id(), t.owner(), name, t.organization(), t.scopes(), t.createdAt(), t.createdBy(),
                t.createdVia(), t.expiresAt(), t.revokedAt(), t.revokedBy(), t.lastUsedAt(), t.salt(), t.hash(),
                t.hashAlgorithm(), t.expiryNotified(), t.version());
    }

    private static StoredToken revokedAt(StoredToken t, Instant at) {
        return new StoredToken(t.id(), t.owner(), t.name(), t.organization(), t.scopes(), t.createdAt(),
                t.createdBy(), t.createdVia(), t.expiresAt(), at, "admin", t.lastUsedAt(), t.salt(), t.hash(),
                t.hashAlgorithm(), t.expiryNotified(), t.version());
    }

    /** The orders of {@link TokenSort}, written out here rather than taken from the library. */
    private static Comparator<StoredToken> expected(TokenSort sort) {
        return switch (sort) {
            case CREATED_NEWEST -> Comparator.comparing(StoredToken::createdAt).thenComparing(StoredToken::id)
                    .reversed();
            case CREATED_OLDEST -> Comparator.comparing(StoredToken::createdAt).thenComparing(StoredToken::id);
            case EXPIRES_SOONEST -> Comparator.comparing(StoredToken::expiresAt).thenComparing(StoredToken::id);
            case NAME -> Comparator.comparing(StoredToken::name).thenComparing(StoredToken::id);
        };
    }

    /** Every page of {@code query}, following the cursors, as ids in order. */
    private static List<String> readAll(Pat4j pat4j, TokenQuery query) {
        List<String> ids = new ArrayList<>();
        TokenQuery next = query;
        for (int pages = 0; pages < 1000; pages++) {
            TokenPage page = pat4j.tokens().list(next);
            assertThat(page.tokens()).hasSizeLessThanOrEqualTo(query.limit());
            page.tokens().forEach(t -> ids.add(t.id()));
            if (page.nextCursor() == null) {
                return ids;
            }
            next = next.withCursor(page.nextCursor());
        }
        throw new AssertionError("more than 1000 pages");
    }

    @Test
    void pagingOverAnOwnersTokensListsEachExactlyOnceInOrderForEverySort() {
        List<StoredToken> alices = insertMany("alice", 250);
        MutableClock clock = new MutableClock(T0.plus(100, ChronoUnit.HOURS)); // some expired by then
        try (Pat4j pat4j = paging(clock)) {
            for (TokenSort sort : TokenSort.values()) {
                List<String> expected = alices.stream().sorted(expected(sort)).map(StoredToken::id).toList();
                for (int limit : new int[] {7, 100}) {
                    assertThat(readAll(pat4j, TokenQuery.of("alice").withSort(sort).withLimit(limit)))
                            .as(sort + ", limit " + limit).containsExactlyElementsOf(expected);
                }
            }
            assertThat(pat4j.tokens().list(TokenQuery.of("carol")).tokens()).isEmpty();
        }
    }

    @Test
    void pagingFiltersByTheStateAtTheTimeOfTheQuery() {
        List<StoredToken> alices = insertMany("alice", 60);
        MutableClock clock = new MutableClock(T0.plus(200, ChronoUnit.HOURS));
        try (Pat4j pat4j = paging(clock)) {
            Instant now = clock.instant();
            for (Set<TokenState> states : List.of(Set.of(TokenState.ACTIVE), Set.of(TokenState.EXPIRED),
                    Set.of(TokenState.REVOKED), Set.of(TokenState.ACTIVE, TokenState.REVOKED), Set.<TokenState>of())) {
                List<String> expected = alices.stream().filter(t -> states.isEmpty() || states.contains(stateOf(t, now)))
                        .sorted(expected(TokenSort.EXPIRES_SOONEST)).map(StoredToken::id).toList();
                assertThat(readAll(pat4j, TokenQuery.of("alice").withStates(states)
                        .withSort(TokenSort.EXPIRES_SOONEST).withLimit(9))).as(states.toString())
                        .containsExactlyElementsOf(expected);
            }
            StoredToken edge = alices.stream().filter(t -> !t.revoked()).findFirst().orElseThrow();
            clock.set(edge.expiresAt()); // expiring at now: expired, not active
            assertThat(readAll(pat4j, TokenQuery.of("alice").withStates(Set.of(TokenState.EXPIRED)).withLimit(100)))
                    .contains(edge.id());
            assertThat(readAll(pat4j, TokenQuery.of("alice").withStates(Set.of(TokenState.ACTIVE)).withLimit(100)))
                    .doesNotContain(edge.id());
        }
    }

    private static TokenState stateOf(StoredToken t, Instant now) {
        if (t.revoked()) {
            return TokenState.REVOKED;
        }
        return t.expiresAt().isAfter(now) ? TokenState.ACTIVE : TokenState.EXPIRED;
    }

    @Test
    void pagingSearchesNamesIgnoringCaseWithWildcardsAsPlainText() {
        String[] names = {"CI Pipeline", "laptop PIPELINE", "Deploy", "100% done", "a_b", "axb", "back\\slash",
                "it's \"quoted\"", "Pipe"};
        List<StoredToken> tokens = new ArrayList<>();
        for (String name : names) {
            StoredToken t = named(token(nextId(), "alice", T0, T0.plus(1, ChronoUnit.DAYS)), name);
            store.insert(t);
            tokens.add(t);
        }
        store.insert(named(token(nextId(), "bob", T0, T0.plus(1, ChronoUnit.DAYS)), "bob's pipeline"));
        try (Pat4j pat4j = paging(new MutableClock(T0))) {
            TokenQuery byName = TokenQuery.of("alice").withSort(TokenSort.NAME).withLimit(2);
            assertThat(namesOf(pat4j, byName.withSearch("pipe"))).containsExactly("CI Pipeline", "Pipe",
                    "laptop PIPELINE");
            assertThat(namesOf(pat4j, byName.withSearch("PIPELINE"))).containsExactly("CI Pipeline", "laptop PIPELINE");
            assertThat(namesOf(pat4j, byName.withSearch("%"))).containsExactly("100% done");
            assertThat(namesOf(pat4j, byName.withSearch("_"))).containsExactly("a_b");
            assertThat(namesOf(pat4j, byName.withSearch("\\"))).containsExactly("back\\slash");
            assertThat(namesOf(pat4j, byName.withSearch("'s \""))).containsExactly("it's \"quoted\"");
            assertThat(namesOf(pat4j, byName.withSearch("zzz"))).isEmpty();
            assertThat(namesOf(pat4j, byName)).hasSize(names.length);
        }
    }

    private static List<String> namesOf(Pat4j pat4j, TokenQuery query) {
        List<String> ids = readAll(pat4j, query);
        return ids.stream().map(id -> pat4j.tokens().get(id).orElseThrow().name()).toList();
    }

    @Test
    void aCursorIssuedForAnotherQueryIsRefused() {
        insertMany("alice", 40);
        insertMany("bob", 40);
        try (Pat4j pat4j = paging(new MutableClock(T0))) {
            TokenQuery query = TokenQuery.of("alice").withStates(Set.of(TokenState.ACTIVE)).withSearch("build")
                    .withSort(TokenSort.NAME).withLimit(5);
            String cursor = pat4j.tokens().list(query).nextCursor();
            assertThat(cursor).isNotNull();
            TokenQuery resumed = query.withCursor(cursor);
            for (TokenQuery other : List.of(
                    new TokenQuery("bob", query.states(), query.search(), query.sort(), cursor, query.limit()),
                    resumed.withStates(Set.of(TokenState.REVOKED)), resumed.withStates(Set.of()),
                    resumed.withSearch("BUILD"), resumed.withSearch(null), resumed.withSort(TokenSort.CREATED_NEWEST))) {
                assertThatThrownBy(() -> pat4j.tokens().list(other)).isInstanceOf(InvalidCursorException.class);
            }
            String tampered = (cursor.charAt(3) == 'A' ? "B" : "A");
            tampered = cursor.substring(0, 3) + tampered + cursor.substring(4);
            TokenQuery altered = query.withCursor(tampered);
            assertThatThrownBy(() -> pat4j.tokens().list(altered)).isInstanceOf(InvalidCursorException.class);
            assertThat(pat4j.tokens().list(resumed.withLimit(100)).tokens()).isNotEmpty();
        }
    }

    @Test
    void tokensCreatedBetweenPagesNeitherRepeatNorHideEarlierOnes() {
        List<StoredToken> before = new ArrayList<>(insertMany("alice", 120));
        try (Pat4j pat4j = paging(new MutableClock(T0))) {
            for (TokenSort sort : TokenSort.values()) {
                List<String> expected = before.stream().sorted(expected(sort)).map(StoredToken::id).toList();
                List<String> seen = new ArrayList<>();
                List<String> added = new ArrayList<>();
                TokenQuery query = TokenQuery.of("alice").withSort(sort).withLimit(25);
                TokenPage page = pat4j.tokens().list(query);
                int made = 0;
                while (true) {
                    page.tokens().forEach(t -> seen.add(t.id()));
                    if (page.nextCursor() == null) {
                        break;
                    }
                    // New tokens anywhere in the order: newest, oldest, first and last by name and expiry.
                    for (String name : List.of("AAA new", "zzz new")) {
                        StoredToken t = named(token(nextId(), "alice", T0.plusMillis(made % 2 == 0 ? 100_000 : -1),
                                T0.plus(made % 2 == 0 ? 1 : 900, ChronoUnit.HOURS)), name);
                        store.insert(t);
                        added.add(t.id());
                        made++;
                    }
                    page = pat4j.tokens().list(query.withCursor(page.nextCursor()));
                }
                assertThat(seen).as(sort.toString()).doesNotHaveDuplicates();
                List<String> earlier = seen.stream().filter(id -> !added.contains(id)).toList();
                assertThat(earlier).as(sort + ": every earlier token once, in order").containsExactlyElementsOf(expected);
                for (String id : added) {
                    before.add(store.find(id).orElseThrow()); // an earlier token for the next order
                }
            }
        }
    }

    /**
     * The capability itself, where a store offers it: each page is the reference filter and order
     * ({@link TokenPaging#matches}, {@link TokenPaging#order}) applied to the owner's tokens,
     * strictly after the position, up to the limit.
     */
    @Test
    void aPagingStoreAnswersAsTheReferenceFilterAndOrder() {
        Optional<TokenPaging> paging = store.capability(TokenPaging.class);
        List<StoredToken> alices = insertMany("alice", 90);
        if (paging.isEmpty()) {
            assertThat(store.findByOwner("alice")).hasSize(90); // what the fallback reads
            return;
        }
        Instant now = T0.plus(150, ChronoUnit.HOURS);
        for (TokenSort sort : TokenSort.values()) {
            for (Set<TokenState> states : List.of(Set.<TokenState>of(), Set.of(TokenState.ACTIVE),
                    Set.of(TokenState.EXPIRED, TokenState.REVOKED))) {
                for (String search : java.util.Arrays.asList(null, "BUILD 1", "oy 3")) {
                    List<StoredToken> reference = alices.stream()
                            .filter(t -> TokenPaging.matches(t, states, now, search))
                            .sorted(TokenPaging.order(sort)).toList();
                    assertThat(paging.get().findPage("alice", states, now, search, sort, null, 1000))
                            .as(sort + " " + states + " " + search).containsExactlyElementsOf(reference);
                    for (int at = 0; at < reference.size(); at += 5) {
                        PagePosition after = PagePosition.of(sort, reference.get(at));
                        int to = Math.min(reference.size(), at + 1 + 4);
                        assertThat(paging.get().findPage("alice", states, now, search, sort, after, 4))
                                .containsExactlyElementsOf(reference.subList(at + 1, to));
                    }
                }
            }
        }
        assertThat(paging.get().findPage("nobody", Set.of(), now, null, TokenSort.NAME, null, 10)).isEmpty();
    }

    // ---- capabilities ----------------------------------------------------------------------

    @Test
    void aStoreOffersNoCapabilityItDoesNotImplement() {
        assertThat(store.capability(TokenStore.class)).isPresent();
        assertThat(store.capability(NoStoreHasThis.class)).isEmpty();
    }

    /** A capability no store implements. */
    private interface NoStoreHasThis {
    }

    // ---- capability: LiveTokenIds ----------------------------------------------------------

    /**
     * The live ids are exactly the tokens neither revoked nor expired (one expiring at the very
     * moment asked about is expired, as in {@link TokenStore#countActive}), whoever owns them. A
     * store without the capability gets no filter of live ids: pat4j builds and serves on it.
     */
    @Test
    void liveTokenIdsAreExactlyTheTokensNeitherRevokedNorExpired() {
        Instant now = T0.plus(1, ChronoUnit.DAYS);
        StoredToken alices = token(nextId(), "alice", T0, T0.plus(30, ChronoUnit.DAYS));
        StoredToken bobs = token(nextId(), "bob", T0, now.plusMillis(1));
        StoredToken expiredNow = token(nextId(), "alice", T0, now);
        StoredToken expiredBefore = token(nextId(), "bob", T0, T0.plus(1, ChronoUnit.HOURS));
        StoredToken revoked = token(nextId(), "alice", T0, T0.plus(30, ChronoUnit.DAYS));
        for (StoredToken t : List.of(alices, bobs, expiredNow, expiredBefore, revoked)) {
            store.insert(t);
        }
        assertThat(store.update(revoked.withRevocation(T0.plusSeconds(5), "alice"))).isTrue();

        Optional<LiveTokenIds> live = store.capability(LiveTokenIds.class);
        if (live.isPresent()) {
            List<String> listed = new ArrayList<>();
            live.get().forEachLiveId(now, listed::add);
            assertThat(listed).containsExactlyInAnyOrder(alices.id(), bobs.id());
            assertThat(live.get().countLive(now)).isEqualTo(2);
            assertThat(live.get().countLive(T0.minusSeconds(1))).as("before anything expired").isEqualTo(4);
            List<String> later = new ArrayList<>();
            live.get().forEachLiveId(T0.plus(365, ChronoUnit.DAYS), later::add);
            assertThat(later).isEmpty();
            return;
        }
        // Without the capability pat4j keeps no filter of live ids: it builds and serves on the store.
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(store).build()) {
            IssuedToken issued = pat4j.tokens().create(request("alice", "no filter", Duration.ofDays(1)),
                    Actor.user("alice"));
            assertThat(pat4j.validator().check("Bearer " + issued.token(), "acme").authenticated()).isTrue();
        }
    }

    /**
     * Two nodes on one store: a token created on one validates on the other at once, whether the
     * store offers {@link LiveTokenIds} (the other node's filter has not seen the id yet, and it
     * is looked up within the budget for unseen ids) or not (no filter).
     */
    @Test
    void aTokenCreatedOnOneNodeValidatesAtOnceOnAnother() {
        try (Pat4j first = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(store).build();
             Pat4j second = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(store).build()) {
            for (int i = 0; i < 3; i++) {
                IssuedToken issued = second.tokens().create(request("alice", "node two " + i, Duration.ofDays(1)),
                        Actor.user("alice"));
                assertThat(first.validator().check("Bearer " + issued.token(), "acme").authenticated()).isTrue();
            }
        }
    }

    // ---- capability: SettingsFingerprintStore ----------------------------------------------

    /** A check of the capability, run on the store's own if it offers one. */
    private interface FingerprintCheck {
        void run(SettingsFingerprintStore fingerprints) throws Exception;
    }

    /**
     * Runs {@code check} on the store's fingerprint capability; for a store without one, checks
     * instead what pat4j does then: it builds and serves on the store, keeping no fingerprint.
     */
    private void withFingerprints(FingerprintCheck check) throws Exception {
        Optional<SettingsFingerprintStore> capability = store.capability(SettingsFingerprintStore.class);
        if (capability.isPresent()) {
            check.run(capability.get());
            return;
        }
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(store).build()) {
            IssuedToken issued = pat4j.tokens().create(request("alice", "no fingerprint", Duration.ofDays(1)),
                    Actor.user("alice"));
            assertThat(pat4j.validator().check("Bearer " + issued.token(), "acme").authenticated()).isTrue();
        }
        assertThat(store.capability(SettingsFingerprintStore.class)).isEmpty();
    }

    @Test
    void aNewStoreHasNoRecordedSettings() throws Exception {
        withFingerprints(f -> assertThat(f.recordedSettings()).hasValue(Map.of()));
    }

    @Test
    void recordedSettingsAreReplacedOnlyOverExactlyWhatWasRead() throws Exception {
        withFingerprints(this::replacementsGoOnlyOverExactlyWhatWasRead);
    }

    private void replacementsGoOnlyOverExactlyWhatWasRead(SettingsFingerprintStore f) {
        Map<String, String> first = Map.of("token.prefix", "acme", "hashing.algorithm", "sha256");
        Map<String, String> second = Map.of("token.prefix", "acme", "hashing.algorithm", "hmac-sha256",
                "hashing.pepper-id", "2024a", "hashing.pepper-check", "Zm9vYmFyYmF6cXV4");
        assertThat(f.replaceRecordedSettings(Map.of(), first)).isTrue();
        assertThat(f.recordedSettings()).hasValue(first);
        assertThat(f.replaceRecordedSettings(Map.of(), second)).as("recorded already").isFalse();
        assertThat(f.replaceRecordedSettings(Map.of("token.prefix", "acme"), second)).as("a part of them").isFalse();
        assertThat(f.replaceRecordedSettings(second, first)).as("not what is recorded").isFalse();
        assertThat(f.recordedSettings()).hasValue(first);
        assertThat(f.replaceRecordedSettings(first, second)).isTrue();
        assertThat(f.recordedSettings()).hasValue(second);
        assertThat(f.replaceRecordedSettings(second, first)).as("entries can go away").isTrue();
        assertThat(f.recordedSettings()).hasValue(first);
    }

    @Test
    void ofProcessesRacingToRecordTheirSettingsExactlyOneWins() throws Exception {
        withFingerprints(this::exactlyOneRacerRecords);
    }

    private void exactlyOneRacerRecords(SettingsFingerprintStore f) throws Exception {
        int racers = 6;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        List<Map<String, String>> offered = new ArrayList<>();
        Map<Map<String, String>, Boolean> won = new ConcurrentHashMap<>();
        for (int i = 0; i < racers; i++) {
            Map<String, String> mine = Map.of("token.prefix", "node" + i, "hashing.algorithm", "sha256");
            offered.add(mine);
            tasks.add(() -> {
                go.await();
                boolean recorded = f.replaceRecordedSettings(Map.of(), mine);
                won.put(mine, recorded);
                return recorded;
            });
        }
        runTogether(tasks, go);
        List<Map<String, String>> winners = offered.stream().filter(won::get).toList();
        assertThat(winners).hasSize(1);
        assertThat(f.recordedSettings()).hasValue(winners.get(0));
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A distinct 12-character id per call. */
    protected final String nextId() {
        return String.format("tok%09d", ids.incrementAndGet());
    }

    /** A plain token (version 1, organization acme, scope code:read) with the given times. */
    protected static StoredToken token(String id, String owner, Instant createdAt, Instant expiresAt) {
        byte[] salt = new byte[16];
        byte[] hash = new byte[32];
        salt[0] = (byte) id.hashCode();
        hash[0] = (byte) (id.hashCode() >>> 8);
        return new StoredToken(id, owner, "token " + id, "acme", "code:read", createdAt, owner, expiresAt, null, null,
                null, salt, hash, "SHA-256", false, 1);
    }

    private static NewToken request(String owner, String name, Duration lifespan) {
        return NewToken.builder(owner, name).organization("acme").lifespan(lifespan).scopes("code:read").build();
    }

    private StoredToken expiring(Instant at) {
        return token(nextId(), "alice", T0.minus(30, ChronoUnit.DAYS), at);
    }

    /** Starts every task, opens the latch so they race, and fails on the first failure. */
    private static <T> void runTogether(List<Callable<T>> tasks, CountDownLatch go) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            go.countDown();
            for (Future<T> f : futures) {
                f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
