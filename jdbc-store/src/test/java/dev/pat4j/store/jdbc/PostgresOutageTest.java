package dev.pat4j.store.jdbc;

import static dev.pat4j.store.jdbc.PostgresClusterTest.awaitListening;
import static dev.pat4j.store.jdbc.PostgresClusterTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the real PostgreSQL under two running nodes and starts it again on the same port and
 * data: while it is down, validation fails closed and management calls fail cleanly; once it
 * is back, everything works again without rebuilding anything.
 */
class PostgresOutageTest {
    private static final Duration BOUND = Duration.ofSeconds(2); // poll interval + margin, as in the cluster test
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor ADMIN = Actor.administrator("admin");

    @TempDir
    Path temp;

    @Test
    void validationFailsClosedWhileTheDatabaseIsDownAndEverythingResumesWhenItIsBack() throws Exception {
        Path data = temp.resolve("pgdata");
        EmbeddedPostgres pg = start(data, 0);
        int port = pg.getPort();
        AtomicReference<CountingStore> feedOfB = new AtomicReference<>();
        try (ClusterNode a = ClusterNode.start(pool(port), true);
             ClusterNode b = ClusterNode.start(pool(port), true, store -> {
                 feedOfB.set(new CountingStore(store));
                 return feedOfB.get();
             })) {
            TokenValidator nodeB = b.pat4j().validator();
            TokenService nodeA = a.pat4j().tokens();
            awaitListening(b.store());

            IssuedToken cached = nodeA.create(request("alice", "cached"), ALICE);
            assertThat(nodeB.check(bearer(cached), "acme").authenticated()).isTrue();
            IssuedToken revokedSeen = nodeA.create(request("alice", "revoked, seen"), ALICE);
            assertThat(nodeB.check(bearer(revokedSeen), "acme").authenticated()).isTrue();
            nodeA.revoke(id(revokedSeen), ALICE);
            // The feed carries the create and the revocation; a load racing their invalidations is
            // answered but not cached, so the check that counts comes after B has handled both.
            assertThat(feedOfB.get().awaitFeedHandled(a.store().changeHead(), WAIT)).isTrue();
            awaitResult(nodeB, revokedSeen, RejectionReason.REVOKED);
            // B drops what it cached of a token when the feed's entry for its creation arrives
            // (only the creating node knows that entry is its own), so B caches it again now
            assertThat(nodeB.check(bearer(cached), "acme").authenticated()).isTrue();
            IssuedToken revokedUnseen = nodeA.create(request("alice", "revoked, unseen"), ALICE);
            nodeA.revoke(id(revokedUnseen), ALICE);
            IssuedToken fresh = nodeA.create(request("alice", "never validated"), ALICE);

            pg.close();

            for (int round = 0; round < 2; round++) {
                assertThat(nodeB.check(bearer(fresh), "acme"))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, id(fresh)));
                assertThat(nodeB.check(bearer(revokedUnseen), "acme"))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, id(revokedUnseen)));
                assertThat(nodeB.check(bearer(revokedSeen), "acme"))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, id(revokedSeen)));
                assertThat(nodeB.check(bearer(cached), "acme").authenticated())
                        .as("verified in the cache before the outage, within its TTL").isTrue();
            }
            Instant later = a.pat4j().clock().instant().plus(Duration.ofDays(60));
            List<ThrowingCallable> management = List.of(
                    () -> nodeA.create(request("alice", "during outage"), ALICE),
                    () -> nodeA.revoke(id(cached), ALICE),
                    () -> nodeA.extend(id(cached), later, ALICE),
                    () -> nodeA.updateScopes(id(cached), List.of("code:write"), ALICE),
                    () -> nodeA.get(id(cached)),
                    () -> nodeA.listByOwner("alice"),
                    () -> nodeA.revokeAll("alice", ADMIN));
            for (ThrowingCallable call : management) {
                assertThatThrownBy(call).isInstanceOf(StoreUnavailableException.class)
                        .hasMessageStartingWith("token store unavailable")
                        .satisfies(e -> {
                            for (IssuedToken t : List.of(cached, revokedSeen, revokedUnseen, fresh)) {
                                assertThat(e.getMessage()).doesNotContain(t.token());
                            }
                        });
            }

            pg = start(data, port);

            long deadline = System.nanoTime() + WAIT.toNanos();
            ValidationResult result = nodeB.check(bearer(fresh), "acme");
            while (!result.authenticated()) {
                assertThat(result).as("until the pool reconnects")
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, id(fresh)));
                if (System.nanoTime() > deadline) {
                    fail("validation did not resume within " + WAIT);
                }
                Thread.sleep(50);
                result = nodeB.check(bearer(fresh), "acme");
            }
            assertThat(nodeB.check(bearer(revokedUnseen), "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, id(revokedUnseen)));
            assertThat(nodeB.check(bearer(revokedSeen), "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, id(revokedSeen)));

            IssuedToken afterwards = onceReachable(() -> nodeA.create(request("alice", "after the outage"), ALICE));
            assertThat(nodeB.check(bearer(afterwards), "acme").authenticated()).isTrue();
            assertThat(nodeA.listByOwner("alice")).hasSize(5);
            awaitListening(b.store());
            nodeA.revoke(id(cached), ALICE);
            awaitResult(nodeB, cached, RejectionReason.REVOKED);
        } finally {
            pg.close();
        }
    }

    /**
     * Runs {@code call} until the node's pool has reconnected: a pool may answer "unavailable"
     * for a moment after the database is back (HikariCP retries new connections with backoff).
     */
    private static <T> T onceReachable(Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String bearer(IssuedToken t) {
        return "Bearer " + t.token();
    }

    private static String id(IssuedToken t) {
        return t.info().id();
    }

    private static HikariDataSource pool(int port) {
        return SharedPostgres.pool(port, "public", 4, Duration.ofMillis(250));
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data).setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** Checks until the result is {@code reason}, within the propagation bound. */
    private static void awaitResult(TokenValidator validator, IssuedToken t, RejectionReason reason)
            throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        ValidationResult expected = new ValidationResult.Rejected(reason, id(t));
        while (!validator.check(bearer(t), "acme").equals(expected)) {
            if (System.nanoTime() > deadline) {
                fail("not " + reason + " within " + BOUND);
            }
            Thread.sleep(5);
        }
    }
}
