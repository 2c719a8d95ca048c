package dev.pat4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.http.TrustedProxiesTest.View;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sliding-window throttle on an injected clock (no sleeps): N failures in the window
 * block for the block time, older failures age out, successes wipe nothing, exempt ranges,
 * IPv6 per prefix, one count for unknown addresses, a bound on what is tracked; and through the
 * gate, a blocked request is 429 with the fixed body and never reaches the store.
 */
class SlidingWindowThrottleTest {
    private static final String CLIENT = "203.0.113.9";
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private final Pat4j pat4j = Fixtures.builder(clock, store).build();

    @AfterEach
    void close() {
        pat4j.close();
    }

    private SlidingWindowThrottle.Builder throttle() {
        return AttemptThrottle.slidingWindow().clock(clock);
    }

    private static void fail(AttemptThrottle throttle, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, RejectionReason.SECRET_MISMATCH);
        }
    }

    @Test
    void theDefaultsAreTenFailuresInSixtySecondsBlockingForSixty() {
        SlidingWindowThrottle t = throttle().build();

        fail(t, CLIENT, 9);
        assertThat(t.delay(CLIENT)).isZero();
        fail(t, CLIENT, 1);
        assertThat(t.delay(CLIENT)).isEqualTo(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThat(t.delay(CLIENT)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.delay(CLIENT)).as("the block is over").isZero();
        fail(t, CLIENT, 1);
        assertThat(t.delay(CLIENT)).as("and the count started afresh").isZero();
        assertThat(t.delay("203.0.113.10")).as("another address").isZero();
    }

    @Test
    void failuresAgeOutAsTheWindowSlides() {
        SlidingWindowThrottle t = throttle().failures(3).window(Duration.ofSeconds(10)).block(Duration.ofSeconds(30))
                .build();

        fail(t, CLIENT, 2);                              // t=0: two
        clock.advance(Duration.ofSeconds(6));
        fail(t, CLIENT, 1);                              // t=6: three within 10 s
        assertThat(t.delay(CLIENT)).isEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(30));           // t=36, block over
        fail(t, CLIENT, 1);                              // t=36
        clock.advance(Duration.ofSeconds(6));
        fail(t, CLIENT, 1);                              // t=42
        clock.advance(Duration.ofSeconds(5));
        fail(t, CLIENT, 1);                              // t=47: the one at 36 has aged out (11 s ago)
        assertThat(t.delay(CLIENT)).isZero();
        clock.advance(Duration.ofSeconds(1));
        fail(t, CLIENT, 1);                              // t=48: 42, 47, 48 within 10 s
        assertThat(t.delay(CLIENT)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSuccessDoesNotWipeTheFailures() {
        SlidingWindowThrottle t = throttle().failures(3).build();

        for (int i = 0; i < 3; i++) {
            t.succeeded(CLIENT);
            fail(t, CLIENT, 1);
            t.succeeded(CLIENT);
        }

        assertThat(t.delay(CLIENT)).isPositive();
    }

    @Test
    void only401sOfACheckedCredentialCount() {
        SlidingWindowThrottle t = throttle().failures(1).build();

        t.failed(CLIENT, RejectionReason.STORE_UNAVAILABLE);
        t.failed(CLIENT, RejectionReason.MISSING);
        assertThat(t.delay(CLIENT)).isZero();
        for (RejectionReason reason : RejectionReason.values()) {
            if (reason == RejectionReason.STORE_UNAVAILABLE || reason == RejectionReason.MISSING) {
                continue;
            }
            String address = "198.51.100." + reason.ordinal();
            t.failed(address, reason);
            assertThat(t.delay(address)).as(reason.name()).isPositive();
        }
    }

    @Test
    void exemptRangesAreNeverCountedNorBlocked() {
        SlidingWindowThrottle t = throttle().failures(1)
                .exempt(AddressRange.parseList("192.168.0.0/16, 2001:db8:c1::/48")).build();

        fail(t, "192.168.4.4", 50);
        fail(t, "2001:db8:c1::77", 50);
        fail(t, "::ffff:192.168.4.5", 50);

        assertThat(t.delay("192.168.4.4")).isZero();
        assertThat(t.delay("2001:db8:c1::77")).isZero();
        assertThat(t.delay("192.168.4.5")).isZero();
        assertThat(t.trackedAddresses()).isZero();
        fail(t, "192.169.0.1", 1);
        assertThat(t.delay("192.169.0.1")).isPositive();
    }

    @Test
    void ipv6AddressesCountPerPrefixAndMappedAddressesAsIpv4() {
        SlidingWindowThrottle t = throttle().failures(4).build();

        for (int i = 1; i <= 4; i++) {
            t.failed("2001:db8:1:2::" + Integer.toHexString(i * 4099), RejectionReason.UNKNOWN);
        }
        assertThat(t.delay("2001:db8:1:2:ffff::1")).as("the same /64").isPositive();
        assertThat(t.delay("2001:db8:1:3::1")).as("the next /64").isZero();

        SlidingWindowThrottle perAddress = throttle().failures(2).ipv6Prefix(128).build();
        perAddress.failed("2001:db8::1", RejectionReason.UNKNOWN);
        perAddress.failed("2001:db8::2", RejectionReason.UNKNOWN);
        assertThat(perAddress.delay("2001:db8::1")).isZero();

        SlidingWindowThrottle mapped = throttle().failures(2).build();
        mapped.failed("::ffff:198.51.100.1", RejectionReason.UNKNOWN);
        mapped.failed("198.51.100.1", RejectionReason.UNKNOWN);
        assertThat(mapped.delay("::FFFF:198.51.100.1")).isPositive();
        assertThat(mapped.delay("198.51.100.1")).isPositive();
    }

    @Test
    void unknownAddressesShareOneCount() {
        SlidingWindowThrottle t = throttle().failures(2).build();

        t.failed(null, RejectionReason.UNKNOWN);
        t.failed("unix:/run/app.sock", RejectionReason.UNKNOWN);

        assertThat(t.delay(null)).isPositive();
        assertThat(t.delay("not an address")).isPositive();
        assertThat(t.delay(CLIENT)).isZero();
    }

    @Test
    void aFloodOfDistinctAddressesKeepsTheTrackedStateBoundedAndTheThrottleWorking() {
        SlidingWindowThrottle t = throttle().failures(3).maxAddresses(1_000).build();

        for (int i = 0; i < 100_000; i++) {
            t.failed("10." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF), RejectionReason.UNKNOWN);
        }
        assertThat(t.trackedAddresses()).isLessThanOrEqualTo(1_000).isPositive();

        fail(t, CLIENT, 3);
        assertThat(t.delay(CLIENT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(t.trackedAddresses()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void concurrentFailuresOfOneAddressAreAllCounted() throws Exception {
        SlidingWindowThrottle t = throttle().failures(1000).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(pool.submit(() -> {
                    go.await();
                    fail(t, CLIENT, 249);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.delay(CLIENT)).as("996 failures").isZero();
        fail(t, CLIENT, 4);
        assertThat(t.delay(CLIENT)).as("1000 failures").isPositive();
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        SlidingWindowThrottle.Builder b = AttemptThrottle.slidingWindow();
        assertThatThrownBy(() -> b.failures(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.failures(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.window(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.block(Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.ipv6Prefix(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.ipv6Prefix(129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxAddresses(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class);
    }

    // ---- through the gate -----------------------------------------------------------------------

    @Test
    void aBlockedClientGets429WithRetryAfterAndTheFixedBodyAndTheStoreIsNotAsked() {
        SlidingWindowThrottle t = throttle().failures(3).block(Duration.ofSeconds(90)).build();
        RequestGate gate = RequestGate.builder(pat4j).throttle(t).organizationFrom(OrganizationSource.header("X-Org"))
                .build();
        IssuedToken reader = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        for (int i = 0; i < 3; i++) {
            Decision.Refuse refused = (Decision.Refuse) gate.decide(request(CLIENT,
                    "Bearer " + Fixtures.lookAlike(reader.token())));
            assertThat(refused.status()).isEqualTo(401);
        }
        IssuedToken fresh = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(1), "code:read");

        Decision.Refuse blocked = (Decision.Refuse) gate.decide(request(CLIENT, "Bearer " + fresh.token()));

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).containsExactly("90");
        assertThat(blocked.header("Cache-Control")).containsExactly("no-store");
        assertThat(blocked.header("WWW-Authenticate")).isEmpty();
        assertThat(blocked.body()).isEqualTo(Decision.Body.TOO_MANY_REQUESTS);
        assertThat(blocked.log().message()).contains("429", CLIENT).doesNotContain(fresh.token());
        assertThat(store.findsOf(fresh.info().id())).as("nothing parsed or looked up").isZero();

        assertThat(gate.decide(request("203.0.113.10", "Bearer " + fresh.token())))
                .as("another address").isInstanceOf(Decision.Proceed.class);
        clock.advance(Duration.ofSeconds(90));
        assertThat(gate.decide(request(CLIENT, "Bearer " + fresh.token()))).isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void aValidTokenBetweenGuessesDoesNotResetTheCountThroughTheGate() {
        SlidingWindowThrottle t = throttle().failures(3).build();
        RequestGate gate = RequestGate.builder(pat4j).throttle(t).organizationFrom(OrganizationSource.header("X-Org"))
                .build();
        IssuedToken mine = Fixtures.create(pat4j, "mallory", "acme", Duration.ofDays(1), "code:read");

        for (int i = 0; i < 3; i++) {
            assertThat(gate.decide(request(CLIENT, "Bearer " + mine.token()))).isInstanceOf(Decision.Proceed.class);
            assertThat(((Decision.Refuse) gate.decide(request(CLIENT, "Bearer " + Fixtures.lookAlike(mine.token()))))
                    .status()).isEqualTo(401);
        }

        assertThat(((Decision.Refuse) gate.decide(request(CLIENT, "Bearer " + mine.token()))).status()).isEqualTo(429);
    }

    @Test
    void theGateCountsTheAddressItsResolverFindsNotTheSpoofedOne() {
        SlidingWindowThrottle t = throttle().failures(2).build();
        RequestGate gate = RequestGate.builder(pat4j).throttle(t)
                .clientAddress(ClientAddressResolver.trustedProxies(AddressRange.parseList("10.0.0.0/8")))
                .build();

        for (int i = 0; i < 2; i++) {
            gate.decide(new View("198.51.100.4", Map.of("authorization", List.of("Bearer pat_nope"),
                    "x-forwarded-for", List.of("192.0.2." + i))));
        }

        assertThat(t.delay("198.51.100.4")).isPositive();
        assertThat(t.delay("192.0.2.0")).isZero();
    }

    private static View request(String peer, String authorization) {
        return View.from(peer, "Authorization: " + authorization, "X-Org: acme");
    }
}
