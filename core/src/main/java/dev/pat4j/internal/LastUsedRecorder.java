package dev.pat4j.internal;

import dev.pat4j.store.TokenStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when tokens were last used without touching the store on the request path: uses
 * are coalesced in memory and flushed in one batch per interval, so each token costs at most
 * one store write per interval.
 */
public final class LastUsedRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(LastUsedRecorder.class);

    private final TokenStore store;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();

    public LastUsedRecorder(TokenStore store, long intervalMillis) {
        this.store = store;
        this.intervalMillis = intervalMillis;
    }

    /** Notes a use; cheap when the token was already noted within the interval. */
    void touch(CachedToken entry, long nowMillis) {
        long last = entry.lastTouchedMillis;
        if (last != Long.MIN_VALUE && nowMillis - last < intervalMillis) {
            return;
        }
        entry.lastTouchedMillis = nowMillis;
        pending.merge(entry.id(), nowMillis, Math::max);
    }

    /** Writes every pending use in one batch; on failure they stay pending for the next flush. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Long> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Long at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        Map<String, Instant> times = new HashMap<>();
        batch.forEach((id, at) -> times.put(id, Instant.ofEpochMilli(at)));
        try {
            store.recordLastUsed(times);
        } catch (RuntimeException e) {
            LOG.warn("could not record last-used times of {} tokens; will retry: {}", batch.size(), e.getMessage());
            batch.forEach((id, at) -> pending.merge(id, at, Math::max));
        }
    }
}
