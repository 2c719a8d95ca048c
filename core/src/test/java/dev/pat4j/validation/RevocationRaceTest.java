package dev.pat4j.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * While several threads validate one token in a loop, the main thread revokes it: no check
 * that started after {@code revoke} returned may authenticate. Run with the cache as shipped
 * and with a 1 ms cache TTL (so loads from the store race the revocation constantly), with the
 * fast SHA-256 path and with HMAC (whose first verification upgrades the cache entry).
 * Bounded: each thread stops after a fixed number of checks past the revocation or a deadline.
 */
class RevocationRaceTest {
    private static final int THREADS = 3;
    private static final int ROUNDS = 4;
    private static final int WARM_UP_CHECKS = 200;
    private static final int CHECKS_AFTER_REVOKE = 2_000;
    private static final long MAX_CHECKS = 2_000_000;

    @ParameterizedTest(name = "hashing={0}, cacheTtlMillis={1}")
    @CsvSource({"sha256, 300000", "sha256, 1", "hmac, 300000", "hmac, 1"})
    void noCheckStartedAfterRevokeReturnedAuthenticates(String hashing, long cacheTtlMillis) throws Exception {
        SecretHashing h = hashing.equals("hmac")
                ? SecretHashing.hmacSha256("a-pepper-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII))
                : SecretHashing.sha256();
        MutableClock clock = new MutableClock(Fixtures.START);
        try (Pat4j pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).hashing(h)
                .cacheTtl(Duration.ofMillis(cacheTtlMillis)).build()) {
            for (int round = 0; round < ROUNDS; round++) {
                runRound(pat4j, round);
            }
        }
    }

    private static void runRound(Pat4j pat4j, int round) throws InterruptedException {
        IssuedToken issued = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        List<String> headers = List.of(Fixtures.bearer(issued.token()), Fixtures.basic("ci", issued.token()),
                Fixtures.basic(issued.token(), ""));
        AtomicBoolean revokeReturned = new AtomicBoolean();
        CountDownLatch warmedUp = new CountDownLatch(THREADS);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong checksAfter = new AtomicLong();
        AtomicLong authenticatedBefore = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                try {
                    long after = 0;
                    for (long i = 0; i < MAX_CHECKS && after < CHECKS_AFTER_REVOKE && System.nanoTime() < deadline; i++) {
                        boolean startedAfterRevoke = revokeReturned.get(); // read BEFORE the check starts
                        ValidationResult r = pat4j.validator().check(headers.get((int) ((i + offset) % 3)), "acme");
                        if (startedAfterRevoke) {
                            after++;
                            if (r.authenticated()) {
                                violations.add("check " + i + " authenticated after revoke returned");
                            } else if (((ValidationResult.Rejected) r).reason() != RejectionReason.REVOKED) {
                                violations.add("check " + i + " rejected for " + r + " instead of REVOKED");
                            }
                        } else if (r.authenticated()) {
                            authenticatedBefore.incrementAndGet();
                        }
                        if (i == WARM_UP_CHECKS) {
                            warmedUp.countDown();
                        }
                    }
                    checksAfter.addAndGet(after);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    warmedUp.countDown(); // never leave the main thread waiting on a dead worker
                }
            }, "validator-" + round + "-" + t);
            threads.add(thread);
            thread.start();
        }

        assertThat(warmedUp.await(20, TimeUnit.SECONDS)).isTrue();
        pat4j.tokens().revoke(issued.info().id(), Actor.user("alice"));
        revokeReturned.set(true);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).isFalse();
        }

        assertThat(failures).isEmpty();
        assertThat(violations).as("round %d", round).isEmpty();
        assertThat(authenticatedBefore.get()).as("the token did authenticate before the revocation").isPositive();
        assertThat(checksAfter.get()).as("checks ran after the revocation").isPositive();
    }
}
