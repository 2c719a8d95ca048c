package dev.pat4j.internal;

import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import dev.pat4j.store.ChangeAnnouncer;
import dev.pat4j.store.DuplicateTokenIdException;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker in front of the store: every call pat4j makes (the validator's loads, the
 * change feed, last-used writes, management) goes through it. After {@code failures}
 * consecutive failed calls (any {@link RuntimeException} but {@link DuplicateTokenIdException},
 * which is an answer; the JDBC store reports its deadlines as {@link StoreUnavailableException})
 * it opens: for {@code coolDown} every call fails at once with {@link StoreUnavailableException}
 * and the store is not called, so request threads do not queue behind a dead database. Then one
 * call is let through as a probe while every other caller still fails at once; its success
 * closes the breaker, its failure opens it for another cool-down.
 *
 * <p>Time is the injected clock's, so tests step it. A clock that moved back by more than the
 * cool-down lets the probe through at once rather than waiting for the old time. Thread-safe: a
 * closed breaker costs a volatile read per call and takes its lock only on failures and on the
 * first success after one.
 *
 * <p>Each call that reaches the store is timed and reported to the {@link Observers} (metrics),
 * named by its {@link TokenStore} method; calls refused while open are not store calls.
 */
public final class StoreBreaker implements TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBreaker.class);
    private static final int CLOSED = 0;
    private static final int OPEN = 1;
    private static final int PROBING = 2;

    private final TokenStore store;
    private final Observers observers;
    private final Clock clock;
    private final int threshold;
    private final long coolDownMillis;
    private volatile int state = CLOSED;      // written under this
    private volatile int failures;            // consecutive failures while closed; written under this
    private long probeAtMillis;               // when the next probe may go, while OPEN; guarded by this

    public StoreBreaker(TokenStore store, Clock clock, int failures, Duration coolDown, Observers observers) {
        this.store = store;
        this.observers = observers;
        this.clock = clock;
        this.threshold = failures;
        this.coolDownMillis = Math.max(1, coolDown.toMillis());
    }

    /**
     * How long until a call may reach the store again: empty while the breaker is closed, the
     * rest of the cool-down while it is open, zero while its probe runs (or is due).
     */
    public Optional<Duration> retryAfter() {
        if (state == CLOSED) {
            return Optional.empty();
        }
        synchronized (this) {
            if (state == OPEN) {
                long wait = probeAtMillis - clock.millis();
                return Optional.of(Duration.ofMillis(wait < 0 || wait > coolDownMillis ? 0 : wait));
            }
            return state == PROBING ? Optional.of(Duration.ZERO) : Optional.empty();
        }
    }

    /** Whether calls currently fail at once (open, or a probe in flight). */
    public boolean isOpen() {
        return state != CLOSED;
    }

    private <T> T call(String operation, Supplier<T> work) {
        boolean probe = admit();
        long start = observers.none() ? 0 : System.nanoTime();
        T result;
        try {
            result = work.get();
        } catch (DuplicateTokenIdException e) {
            succeeded(probe); // the store answered
            observe(operation, start, false);
            throw e;
        } catch (RuntimeException | Error e) {
            failed(probe, e);
            observe(operation, start, true);
            throw e;
        }
        succeeded(probe);
        observe(operation, start, false);
        return result;
    }

    private void observe(String operation, long start, boolean failed) {
        if (!observers.none()) {
            observers.storeCalled(operation, System.nanoTime() - start, failed);
        }
    }

    private void run(String operation, Runnable work) {
        call(operation, () -> {
            work.run();
            return null;
        });
    }

    /** @return whether this call is the probe; throws when the call must fail at once */
    private boolean admit() {
        if (state == CLOSED) {
            return false;
        }
        synchronized (this) {
            if (state == CLOSED) {
                return false;
            }
            long now = clock.millis();
            if (state == OPEN && (now >= probeAtMillis || probeAtMillis - now > coolDownMillis)) {
                state = PROBING;
                return true;
            }
            long wait = state == OPEN ? probeAtMillis - now : 0;
            throw new StoreUnavailableException("token store unavailable: not called after " + threshold
                    + " consecutive failures (circuit open; next try in " + Math.max(0, wait) + " ms)", null);
        }
    }

    private void succeeded(boolean probe) {
        if (!probe && failures == 0) {
            return; // the common case: no lock
        }
        synchronized (this) {
            if (probe) {
                state = CLOSED;
                LOG.info("token store reachable again: circuit closed");
            }
            if (state == CLOSED) {
                failures = 0;
            }
        }
    }

    private synchronized void failed(boolean probe, Throwable cause) {
        if (probe) {
            open("the probe failed", cause);
        } else if (state == CLOSED && ++failures >= threshold) {
            open(threshold + " consecutive calls failed", cause);
        }
    }

    private void open(String why, Throwable cause) {
        state = OPEN;
        failures = 0;
        probeAtMillis = clock.millis() + coolDownMillis;
        LOG.warn("token store unavailable ({}): calls fail at once for {} ms, then one probe; last failure: {}",
                why, coolDownMillis, cause.getMessage());
    }

    @Override
    public void insert(StoredToken token) {
        run("insert", () -> store.insert(token));
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return call("find", () -> store.find(id));
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        return call("findByOwner", () -> store.findByOwner(owner));
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        return call("findExpiring", () -> store.findExpiring(from, to));
    }

    @Override
    public int countActive(String owner, Instant now) {
        return call("countActive", () -> store.countActive(owner, now));
    }

    @Override
    public boolean update(StoredToken next) {
        return call("update", () -> store.update(next));
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        return call("claimExpiryNotice", () -> store.claimExpiryNotice(id, expiresAt));
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        run("recordLastUsed", () -> store.recordLastUsed(lastUsed));
    }

    @Override
    public long changeHead() {
        return call("changeHead", store::changeHead);
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        return call("changesSince", () -> store.changesSince(after, limit));
    }

    /** Subscribing makes no call that can fail for the breaker: passed on as it is. */
    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        return store.onChange(wakeUp);
    }

    /**
     * The wrapped store's capabilities: {@link ChangeAnnouncer} and {@link NoticeOutbox} through
     * this breaker (they write to the store), {@link LiveTokenIds} too (a rebuild of the filter of
     * live ids reads every live token: it must not hit a store the breaker holds off), any other
     * one as the wrapped store offers it.
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == ChangeAnnouncer.class) {
            return store.capability(ChangeAnnouncer.class)
                    .map(announcer -> type.cast((ChangeAnnouncer) ids -> run("announceChanges",
                            () -> announcer.announceChanges(ids))));
        }
        if (type == NoticeOutbox.class) {
            return store.capability(NoticeOutbox.class).map(outbox -> type.cast(new GuardedOutbox(outbox)));
        }
        if (type == LiveTokenIds.class) {
            return store.capability(LiveTokenIds.class).map(live -> type.cast(new GuardedLiveIds(live)));
        }
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        return store.capability(type);
    }

    @Override
    public String toString() {
        return "StoreBreaker[" + store + "]";
    }

    /** The wrapped store's live ids, each pass through the breaker. */
    private final class GuardedLiveIds implements LiveTokenIds {
        private final LiveTokenIds live;

        GuardedLiveIds(LiveTokenIds live) {
            this.live = live;
        }

        @Override
        public long countLive(Instant now) {
            return call("liveIds.countLive", () -> live.countLive(now));
        }

        @Override
        public void forEachLiveId(Instant now, Consumer<String> action) {
            run("liveIds.forEachLiveId", () -> live.forEachLiveId(now, action));
        }
    }

    /** The wrapped store's outbox, every call through the breaker. */
    private final class GuardedOutbox implements NoticeOutbox {
        private final NoticeOutbox outbox;

        GuardedOutbox(NoticeOutbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public boolean enqueue(OutboxNotice notice) {
            return call("outbox.enqueue", () -> outbox.enqueue(notice));
        }

        @Override
        public void insertWithNotice(StoredToken token, OutboxNotice notice) {
            run("outbox.insertWithNotice", () -> outbox.insertWithNotice(token, notice));
        }

        @Override
        public boolean updateWithNotice(StoredToken next, OutboxNotice notice) {
            return call("outbox.updateWithNotice", () -> outbox.updateWithNotice(next, notice));
        }

        @Override
        public List<OutboxEntry> claimDue(Instant now, String leaseOwner, Instant leaseUntil, int limit) {
            return call("outbox.claimDue", () -> outbox.claimDue(now, leaseOwner, leaseUntil, limit));
        }

        @Override
        public boolean markDelivered(String key, Set<String> senders, Instant at) {
            return call("outbox.markDelivered", () -> outbox.markDelivered(key, senders, at));
        }

        @Override
        public boolean markFailed(String key, String leaseOwner, Set<String> senders, Instant nextAttemptAt,
                                  String error) {
            return call("outbox.markFailed", () -> outbox.markFailed(key, leaseOwner, senders, nextAttemptAt, error));
        }

        @Override
        public List<OutboxEntry> list(NoticeState state, int limit) {
            return call("outbox.list", () -> outbox.list(state, limit));
        }

        @Override
        public long count(NoticeState state) {
            return call("outbox.count", () -> outbox.count(state));
        }
    }
}
