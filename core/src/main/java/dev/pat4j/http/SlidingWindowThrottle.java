package dev.pat4j.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.pat4j.http.internal.IpLiteral;
import dev.pat4j.http.internal.LogText;
import dev.pat4j.validation.RejectionReason;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pat4j's failed-attempt throttle: a client address that fails {@code failures} token checks
 * within a sliding {@code window} is refused with 429 and {@code Retry-After} for {@code block};
 * then it starts afresh. Per client address, never per user or token, so nobody can lock another
 * user out (GitHub's per-user lockout lets anyone do that); the defaults are GitLab's: 10
 * failures within 60 seconds block the address for 60 seconds. Build it with
 * {@link AttemptThrottle#slidingWindow()}.
 *
 * <ul>
 * <li><b>What counts.</b> Every check of a pat4j credential that ends in 401 (malformed, bad
 * checksum, unknown id, wrong secret, revoked, expired, inactive owner, wrong or missing
 * organization). Not a 503 (the store was down: nothing was learnt about the token), not a 403
 * for a missing scope (the token was valid), not a request without credentials (refused before
 * any check costs anything).</li>
 * <li><b>Successes wipe nothing.</b> A valid token leaves the count as it is, else the holder of
 * one valid token could reset it between guesses at others.</li>
 * <li><b>Sliding.</b> A failure counts for {@code window} after it happened, measured on the
 * {@linkplain Builder#clock clock} given: the N-th failure within any span of {@code window}
 * blocks, older ones age out.</li>
 * <li><b>Exempt ranges</b> (a NAT gateway shared by a whole office, CI runners) are never
 * counted nor blocked.</li>
 * <li><b>IPv6</b> addresses are counted per prefix, by default /64: one host or one customer
 * line is normally given a whole /64 (RFC 6177), so it can pick a fresh address for every
 * guess; counting each address alone would never block it. IPv4 addresses count alone, and an
 * IPv4-mapped IPv6 address counts as its IPv4 address.</li>
 * <li><b>Unknown addresses</b> (null, or text that is no IP literal: a proxy that hides the
 * client, a Unix socket) share <b>one</b> count. That fails safe: making one's address unknown
 * never escapes the throttle; the cost, that such clients block one another, falls only on a
 * deployment that hides addresses, which should configure
 * {@link ClientAddressResolver#trustedProxies(List) trusted proxies} instead.</li>
 * <li><b>Bounded memory.</b> At most {@code maxAddresses} addresses (or IPv6 prefixes) are
 * tracked, about 200 bytes each with the defaults (so about 20 MB at the default bound of
 * 100,000); beyond it the least valuable entries are evicted (Caffeine's size bound), so a flood
 * of distinct addresses costs memory up to the bound and no more (an address it evicts loses its
 * count: an attacker who owns that many addresses could spread its guesses over them anyway).
 * An entry is dropped once its failures have aged out and its block has ended.</li>
 * </ul>
 *
 * Thread-safe and non-blocking: {@link #delay} reads one entry; {@link #failed} updates one
 * entry atomically (concurrent failures of one address are applied one after the other, for
 * the few nanoseconds each takes); nothing waits on I/O or on other addresses.
 */
public final class SlidingWindowThrottle implements AttemptThrottle {
    /** Failures that block, unless configured: 10. */
    public static final int DEFAULT_FAILURES = 10;
    /** The window they must fall within, unless configured: 60 seconds. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** How long an address is blocked, unless configured: 60 seconds. */
    public static final Duration DEFAULT_BLOCK = Duration.ofSeconds(60);
    /** The prefix IPv6 addresses are counted by, unless configured: /64. */
    public static final int DEFAULT_IPV6_PREFIX = 64;
    /** The most addresses tracked, unless configured: 100,000. */
    public static final long DEFAULT_MAX_ADDRESSES = 100_000;
    /** The most failures a window may be configured to hold: each address keeps one time per failure. */
    public static final int MAX_FAILURES = 1000;
    /** The longest window or block: a day. */
    public static final Duration MAX_DURATION = Duration.ofDays(1);

    /** The rejections that count: every 401 of a checked credential. */
    private static final Logger LOG = LoggerFactory.getLogger(SlidingWindowThrottle.class);
    private static final Set<RejectionReason> COUNTED = EnumSet.complementOf(
            EnumSet.of(RejectionReason.MISSING, RejectionReason.STORE_UNAVAILABLE));
    private static final Group UNKNOWN = new Group(-1, 0, 0);

    private final int failures;
    private final long windowMillis;
    private final long blockMillis;
    private final List<AddressRange> exempt;
    private final int ipv6Prefix;
    private final long maxAddresses;
    private final Clock clock;
    private final Cache<Group, Attempts> tracked;

    private SlidingWindowThrottle(Builder b) {
        this.failures = b.failures;
        this.windowMillis = b.window.toMillis();
        this.blockMillis = b.block.toMillis();
        this.exempt = b.exempt;
        this.ipv6Prefix = b.ipv6Prefix;
        this.maxAddresses = b.maxAddresses;
        this.clock = b.clock;
        Clock ticking = b.clock;
        this.tracked = Caffeine.newBuilder()
                .maximumSize(maxAddresses)
                .expireAfterWrite(Duration.ofMillis(Math.max(windowMillis, blockMillis)))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(ticking.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Starts configuring a throttle with the defaults (10 failures in 60 s block for 60 s, IPv6 per /64, 100,000 addresses). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Duration delay(@Nullable String clientAddress) {
        byte[] address = IpLiteral.parseClient(clientAddress);
        if (address != null && isExempt(address)) {
            return Duration.ZERO;
        }
        Attempts attempts = tracked.getIfPresent(group(address));
        if (attempts == null) {
            return Duration.ZERO;
        }
        long remaining = attempts.blockedUntil - clock.millis();
        return remaining > 0 ? Duration.ofMillis(remaining) : Duration.ZERO;
    }

    @Override
    public void failed(@Nullable String clientAddress, RejectionReason reason) {
        if (!COUNTED.contains(Objects.requireNonNull(reason, "reason"))) {
            return;
        }
        byte[] address = IpLiteral.parseClient(clientAddress);
        if (address != null && isExempt(address)) {
            return;
        }
        long now = clock.millis();
        boolean[] blocked = new boolean[1];
        tracked.asMap().compute(group(address), (key, attempts) -> {
            Attempts a = attempts == null ? new Attempts(failures) : attempts;
            blocked[0] = a.fail(now, windowMillis, blockMillis);
            return a;
        });
        if (blocked[0]) {
            // the one line per block: the 429s that follow are logged at DEBUG only
            LOG.info("pat4j: blocking client {} for {} ms after {} failed attempts within {} ms",
                    LogText.of(clientAddress), blockMillis, failures, windowMillis);
        }
    }

    /** Does nothing: a success must not wipe the failures (see the class comment). */
    @Override
    public void succeeded(@Nullable String clientAddress) {
        // deliberately empty
    }

    /**
     * How many addresses (IPv6: prefixes; unknown ones as one) are tracked now, after pending
     * evictions are done: never more than {@link Builder#maxAddresses} once they are. For
     * tests and metrics.
     */
    public long trackedAddresses() {
        tracked.cleanUp();
        return tracked.estimatedSize();
    }

    @Override
    public String toString() {
        return "SlidingWindowThrottle[" + failures + " failures in " + windowMillis + " ms block for " + blockMillis
                + " ms, IPv6 per /" + ipv6Prefix + ", exempt " + exempt + ", at most " + maxAddresses + " addresses]";
    }

    private boolean isExempt(byte[] address) {
        for (AddressRange range : exempt) {
            if (range.containsBytes(address)) {
                return true;
            }
        }
        return false;
    }

    /** What is counted together: an IPv4 address, an IPv6 prefix, or every unknown address. */
    private Group group(byte @Nullable [] address) {
        if (address == null) {
            return UNKNOWN;
        }
        if (address.length == 4) {
            return new Group(4, 0, ((address[0] & 0xFFL) << 24) | ((address[1] & 0xFFL) << 16)
                    | ((address[2] & 0xFFL) << 8) | (address[3] & 0xFFL));
        }
        byte[] prefix = AddressRange.masked(address, ipv6Prefix);
        return new Group(6, longAt(prefix, 0), longAt(prefix, 8));
    }

    private static long longAt(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFFL);
        }
        return value;
    }

    /** A tracked key: family (4, 6, or -1 for unknown) and the address or prefix bits. */
    private record Group(int family, long high, long low) {
    }

    /**
     * One address's recent failures, as a ring of their times, and the end of its block.
     * Changed only inside the cache's atomic {@code compute}; {@link #blockedUntil} is read
     * without it, hence volatile.
     */
    private static final class Attempts {
        private final long[] times;
        private int next;
        private int count;
        private volatile long blockedUntil;

        Attempts(int failures) {
            this.times = new long[failures];
        }

        /**
         * Records a failure at {@code now}: the N-th within the window blocks, and the count
         * starts afresh. @return whether this failure began a block
         */
        boolean fail(long now, long windowMillis, long blockMillis) {
            if (blockedUntil > now) {
                return false;
            }
            times[next] = now;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
            // with the ring full, times[next] is the oldest of the last N failures
            if (count == times.length && now - times[next] < windowMillis) {
                blockedUntil = now + blockMillis;
                count = 0;
                return true;
            }
            return false;
        }
    }

    /**
     * Configures a {@link SlidingWindowThrottle}; every setter checks its argument at once. Not
     * thread-safe; the throttle it builds is.
     */
    public static final class Builder {
        private int failures = DEFAULT_FAILURES;
        private Duration window = DEFAULT_WINDOW;
        private Duration block = DEFAULT_BLOCK;
        private List<AddressRange> exempt = List.of();
        private int ipv6Prefix = DEFAULT_IPV6_PREFIX;
        private long maxAddresses = DEFAULT_MAX_ADDRESSES;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** How many failures within the window block: 1 to 1000; default 10. */
        public Builder failures(int failures) {
            if (failures < 1 || failures > MAX_FAILURES) {
                throw new IllegalArgumentException("failures must be from 1 to " + MAX_FAILURES);
            }
            this.failures = failures;
            return this;
        }

        /** The sliding window failures count in: at least a millisecond, at most a day; default 60 seconds. */
        public Builder window(Duration window) {
            this.window = duration(window, "window");
            return this;
        }

        /** How long a blocked address waits (its {@code Retry-After}, in whole seconds rounded up): at least a millisecond, at most a day; default 60 seconds. */
        public Builder block(Duration block) {
            this.block = duration(block, "block");
            return this;
        }

        /** Addresses never counted nor blocked (a shared NAT, CI runners); default none. */
        public Builder exempt(List<AddressRange> ranges) {
            List<AddressRange> copy = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
            this.exempt = copy;
            return this;
        }

        /** The prefix length IPv6 addresses are counted by: 1 to 128 (128: each address alone); default 64. */
        public Builder ipv6Prefix(int prefixLength) {
            if (prefixLength < 1 || prefixLength > 128) {
                throw new IllegalArgumentException("ipv6Prefix must be from 1 to 128");
            }
            this.ipv6Prefix = prefixLength;
            return this;
        }

        /** The most addresses tracked at once: 1 to 10,000,000; default 100,000. */
        public Builder maxAddresses(long maxAddresses) {
            if (maxAddresses < 1 || maxAddresses > 10_000_000) {
                throw new IllegalArgumentException("maxAddresses must be from 1 to 10000000");
            }
            this.maxAddresses = maxAddresses;
            return this;
        }

        /** The clock windows and blocks are measured on; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SlidingWindowThrottle build() {
            return new SlidingWindowThrottle(this);
        }

        private static Duration duration(Duration value, String what) {
            if (value == null || value.toMillis() < 1 || value.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(what + " must be from 1 ms to 1 day");
            }
            return value;
        }
    }
}
