package dev.pat4j.micrometer;

import dev.pat4j.Pat4j;
import dev.pat4j.Pat4jObserver;
import dev.pat4j.notice.NoticeBacklog;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * pat4j's meters for Micrometer: a {@link Pat4jObserver} that counts what a {@link Pat4j} does,
 * and a {@link MeterBinder} that shows it. Without Spring:
 *
 * <pre>{@code
 * Pat4jMetrics metrics = new Pat4jMetrics();
 * Pat4j pat4j = Pat4j.builder().settings(settings).store(store).observer(metrics).build();
 * metrics.watch(pat4j).bindTo(registry);
 * }</pre>
 *
 * The pat4j Spring Boot starter does the same with the application's registry.
 *
 * <table>
 * <caption>meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@value #CHECKS}</td><td>counter</td><td>{@code outcome} ({@code authenticated},
 *     {@code rejected}), {@code reason} ({@code none}, or the {@link RejectionReason} in lower case,
 *     such as {@code bad_checksum})</td><td>token checks</td></tr>
 * <tr><td>{@value #CACHE_LOOKUPS}</td><td>counter</td><td>{@code result} ({@code hit}, {@code miss})</td>
 *     <td>checks that reached the validation cache</td></tr>
 * <tr><td>{@value #CACHE_HIT_RATIO}</td><td>gauge</td><td>—</td><td>hits over lookups since start
 *     (NaN before the first)</td></tr>
 * <tr><td>{@value #CACHE_SIZE}</td><td>gauge</td><td>—</td><td>tokens in the validation cache (an
 *     estimate)</td></tr>
 * <tr><td>{@value #STORE_CALLS}</td><td>timer</td><td>{@code operation} (the {@code TokenStore}
 *     method), {@code outcome} ({@code success}, {@code failure})</td><td>pat4j's calls to its store</td></tr>
 * <tr><td>{@value #BREAKER_OPEN}</td><td>gauge</td><td>—</td><td>1 while pat4j's store circuit
 *     breaker keeps calls off the store, else 0</td></tr>
 * <tr><td>{@value #NOTICES_PENDING}</td><td>gauge</td><td>—</td><td>notices in the outbox not yet
 *     through a first delivery attempt ({@link dev.pat4j.notice.NoticeBacklog#pending()})</td></tr>
 * <tr><td>{@value #NOTICES_FAILED}</td><td>gauge</td><td>—</td><td>notices some sender failed to
 *     deliver, waiting for their retry ({@link dev.pat4j.notice.NoticeBacklog#failed()})</td></tr>
 * <tr><td>{@value #CHANGE_FEED_AGE}</td><td>time gauge (seconds)</td><td>—</td><td>how long ago this
 *     node last read its store's change feed, which brings it revocations made on other nodes
 *     ({@link Pat4j#changeFeed()}); it stays below the poll interval while the feed is read</td></tr>
 * </table>
 *
 * No tag holds a token, a secret, a token id or an owner: their values are the fixed words above.
 * The gauges read the instance given to {@link #watch}, and are NaN until then. The two notice
 * gauges count the outbox in the store (two counting queries, made at most once a second however
 * often the registry samples them) and are NaN while the store cannot be asked or when it keeps no
 * outbox. Counts start when the observer is registered, whenever it is bound. Thread-safe;
 * one instance observes one {@link Pat4j} and may be bound to several registries.
 */
public final class Pat4jMetrics implements Pat4jObserver, MeterBinder {
    /** Token checks, by outcome and reason. */
    public static final String CHECKS = "pat4j.checks";
    /** Checks that reached the validation cache, by result. */
    public static final String CACHE_LOOKUPS = "pat4j.cache.lookups";
    /** Hits over lookups of the validation cache. */
    public static final String CACHE_HIT_RATIO = "pat4j.cache.hit.ratio";
    /** Tokens in the validation cache. */
    public static final String CACHE_SIZE = "pat4j.cache.size";
    /** pat4j's calls to its store, by operation and outcome. */
    public static final String STORE_CALLS = "pat4j.store.calls";
    /** Whether the store circuit breaker is open. */
    public static final String BREAKER_OPEN = "pat4j.store.breaker.open";
    /** Notices waiting for their first delivery attempt. */
    public static final String NOTICES_PENDING = "pat4j.notices.pending";
    /** Notices waiting for a retry after a failed delivery. */
    public static final String NOTICES_FAILED = "pat4j.notices.failed";
    /** Time since this node last read its store's change feed. */
    public static final String CHANGE_FEED_AGE = "pat4j.change.feed.age";
    /** How long one counting of the outbox serves the notice gauges, unless a test says otherwise. */
    private static final Duration BACKLOG_REUSE = Duration.ofSeconds(1);

    private static final RejectionReason[] REASONS = RejectionReason.values();

    private final LongAdder authenticated = new LongAdder();
    private final LongAdder[] rejected = new LongAdder[REASONS.length];
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private volatile @Nullable Pat4j watched;
    private volatile @Nullable Counted counted; // the last counting of the outbox, for the notice gauges
    private final long backlogReuseNanos;

    /** A backlog counted at {@code nanos} ({@link System#nanoTime()}), or null when it could not be counted. */
    private record Counted(@Nullable NoticeBacklog backlog, long nanos) {
    }

    /** Counts from now on; register it with {@link Pat4j.Builder#observer}. */
    public Pat4jMetrics() {
        this(BACKLOG_REUSE);
    }

    /** With another reuse of one counting of the outbox: tests count at every sample. */
    Pat4jMetrics(Duration backlogReuse) {
        this.backlogReuseNanos = backlogReuse.toNanos();
        for (int i = 0; i < rejected.length; i++) {
            rejected[i] = new LongAdder();
        }
    }

    /** The instance the gauges read (cache, breaker, outbox backlog, change feed); returns this. */
    public Pat4jMetrics watch(Pat4j pat4j) {
        this.watched = pat4j;
        this.counted = null;
        return this;
    }

    @Override
    public void checked(ValidationResult result, Lookup lookup) {
        if (result instanceof ValidationResult.Rejected r) {
            rejected[r.reason().ordinal()].increment();
        } else {
            authenticated.increment();
        }
        if (lookup == Lookup.CACHE_HIT) {
            hits.increment();
        } else if (lookup == Lookup.CACHE_MISS) {
            misses.increment();
        }
    }

    @Override
    public void storeCalled(String operation, long nanos, boolean failed) {
        for (MeterRegistry registry : registries) {
            // the registry keeps one timer per tag set: register() after the first is a lookup
            Timer.builder(STORE_CALLS).description("pat4j's calls to its token store")
                    .tags("operation", operation, "outcome", failed ? "failure" : "success")
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(CHECKS, authenticated, LongAdder::doubleValue).description("token checks")
                .tags(Tags.of("outcome", "authenticated", "reason", "none")).register(registry);
        for (RejectionReason reason : REASONS) {
            FunctionCounter.builder(CHECKS, rejected[reason.ordinal()], LongAdder::doubleValue)
                    .description("token checks")
                    .tags(Tags.of("outcome", "rejected", "reason", reason.name().toLowerCase(Locale.ROOT)))
                    .register(registry);
        }
        FunctionCounter.builder(CACHE_LOOKUPS, hits, LongAdder::doubleValue)
                .description("token checks that reached the validation cache").tag("result", "hit").register(registry);
        FunctionCounter.builder(CACHE_LOOKUPS, misses, LongAdder::doubleValue)
                .description("token checks that reached the validation cache").tag("result", "miss").register(registry);
        Gauge.builder(CACHE_HIT_RATIO, this, Pat4jMetrics::hitRatio)
                .description("hits over lookups of the validation cache since start").register(registry);
        Gauge.builder(CACHE_SIZE, this, Pat4jMetrics::cacheSize)
                .description("tokens in the validation cache (an estimate)").register(registry);
        Gauge.builder(BREAKER_OPEN, this, Pat4jMetrics::breakerOpen)
                .description("1 while pat4j's store circuit breaker keeps calls off the store").register(registry);
        Gauge.builder(NOTICES_PENDING, this, m -> m.backlog(NoticeBacklog::pending))
                .description("notices in pat4j's outbox waiting for their first delivery attempt").register(registry);
        Gauge.builder(NOTICES_FAILED, this, m -> m.backlog(NoticeBacklog::failed))
                .description("notices in pat4j's outbox waiting for a retry after a failed delivery")
                .register(registry);
        TimeGauge.builder(CHANGE_FEED_AGE, this, TimeUnit.MILLISECONDS, Pat4jMetrics::changeFeedAgeMillis)
                .description("time since this node last read its store's change feed").register(registry);
        registries.add(registry);
    }

    private double hitRatio() {
        double h = hits.doubleValue();
        double all = h + misses.doubleValue();
        return all == 0 ? Double.NaN : h / all;
    }

    private double cacheSize() {
        Pat4j p = watched;
        return p == null ? Double.NaN : p.cacheSize();
    }

    private double backlog(ToLongFunction<NoticeBacklog> count) {
        Pat4j p = watched;
        if (p == null || !p.notices().outboxAvailable()) {
            return Double.NaN;
        }
        long now = System.nanoTime();
        Counted last = counted;
        if (last == null || now - last.nanos() >= backlogReuseNanos) {
            NoticeBacklog backlog;
            try {
                backlog = p.notices().backlog();
            } catch (RuntimeException e) {
                backlog = null; // the store is down or the breaker open: unknown, not zero
            }
            last = new Counted(backlog, now);
            counted = last;
        }
        NoticeBacklog b = last.backlog();
        return b == null ? Double.NaN : count.applyAsLong(b);
    }

    private double changeFeedAgeMillis() {
        Pat4j p = watched;
        if (p == null) {
            return Double.NaN;
        }
        return p.changeFeed().sinceLastRead(p.clock().instant()).map(d -> (double) d.toMillis()).orElse(Double.NaN);
    }

    private double breakerOpen() {
        Pat4j p = watched;
        return p == null ? Double.NaN : p.storeRetryAfter().isPresent() ? 1 : 0;
    }
}
