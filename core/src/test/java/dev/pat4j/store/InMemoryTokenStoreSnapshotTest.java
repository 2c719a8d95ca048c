package dev.pat4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Index queries racing writers see the store between two writes, never in the middle of one: a
 * token moving inside a window is always listed exactly once, and tokens inserted one after
 * another appear in that order, each snapshot a prefix of the inserts. (Lock-free reads of
 * concurrently changing indexes could see a moving token at neither or both of its positions.)
 * The number of writes is fixed; readers read until the writer is done.
 */
class InMemoryTokenStoreSnapshotTest {
    private static final Instant T0 = Instant.parse("2031-03-14T15:09:26.535Z");
    private static final int WRITES = 3_000;

    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Test
    void aTokenMovingInsideAWindowIsListedExactlyOnceByEveryReader() throws Exception {
        for (int i = 0; i < 20; i++) {
            store.insert(token(String.format("bob%09d", i), "bob", T0, T0.plus(Duration.ofDays(5))));
        }
        StoredToken moving = token("alice0000000", "alice", T0, T0.plus(Duration.ofDays(1)));
        store.insert(moving);
        AtomicBoolean done = new AtomicBoolean();

        Callable<Integer> writer = () -> {
            try {
                StoredToken current = moving;
                for (int i = 0; i < WRITES; i++) {
                    current = current.withExpiry(T0.plus(Duration.ofDays(i % 2 == 0 ? 6 : 1)));
                    assertThat(store.update(current)).isTrue();
                }
                return WRITES;
            } finally {
                done.set(true); // a failed writer must not leave the readers spinning
            }
        };
        Callable<Integer> reader = () -> {
            int reads = 0;
            while (!done.get()) {
                List<StoredToken> window = store.findExpiring(T0, T0.plus(Duration.ofDays(7)));
                assertThat(window).hasSize(21).filteredOn(t -> t.id().equals(moving.id())).hasSize(1);
                assertThat(window).isSortedAccordingTo((a, b) -> a.expiresAt().compareTo(b.expiresAt()));
                assertThat(store.countActive("alice", T0)).isEqualTo(1);
                reads++;
            }
            return reads;
        };
        runTogether(List.of(writer, reader, reader));
        assertThat(store.find(moving.id()).orElseThrow().version()).isEqualTo(1 + WRITES);
    }

    @Test
    void tokensInsertedOneAfterAnotherAppearInThatOrder() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Callable<Integer> writer = () -> {
            try {
                for (int i = 0; i < WRITES; i++) {
                    store.insert(token(id(i), "alice", T0.plusMillis(i), T0.plus(Duration.ofDays(1)).plusMillis(i)));
                }
                return WRITES;
            } finally {
                done.set(true);
            }
        };
        Callable<Integer> reader = () -> {
            int seen = 0;
            while (!done.get()) {
                List<StoredToken> newestFirst = store.findByOwner("alice");
                int n = newestFirst.size();
                assertThat(n).isGreaterThanOrEqualTo(seen);
                for (int k = 0; k < n; k++) {
                    assertThat(newestFirst.get(k).id()).isEqualTo(id(n - 1 - k)); // exactly the first n inserts
                }
                List<StoredToken> soonestFirst = store.findExpiring(T0, Instant.MAX);
                assertThat(soonestFirst.size()).isGreaterThanOrEqualTo(n);
                for (int k = 0; k < soonestFirst.size(); k++) {
                    assertThat(soonestFirst.get(k).id()).isEqualTo(id(k));
                }
                seen = n;
            }
            return seen;
        };
        runTogether(List.of(writer, reader, reader));
        assertThat(store.findByOwner("alice")).hasSize(WRITES);
    }

    private static String id(int i) {
        return String.format("tok%09d", i);
    }

    private static StoredToken token(String id, String owner, Instant createdAt, Instant expiresAt) {
        return new StoredToken(id, owner, "token " + id, "acme", "code:read", createdAt, owner, expiresAt, null, null,
                null, new byte[16], new byte[32], "sha256", false, 1);
    }

    /** Runs the tasks at once and fails on the first failure; the bound only stops a hung run. */
    private static void runTogether(List<Callable<Integer>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<Integer> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
