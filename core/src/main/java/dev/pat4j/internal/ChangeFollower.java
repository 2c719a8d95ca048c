package dev.pat4j.internal;

import dev.pat4j.ChangeFeedStatus;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the store's change feed and drops changed tokens from this node's cache, so a
 * revocation on another node is honoured here within one poll interval (sooner when the store
 * can push a wake-up).
 */
public final class ChangeFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
    private static final int BATCH = 1000;

    private final TokenStore store;
    private final CacheInvalidator cache;
    private final Clock clock;
    private final AtomicBoolean failing = new AtomicBoolean();
    private long cursor; // guarded by this
    // What status() shows, written by poll(): a health check must not wait for a slow poll's lock.
    private volatile long position;
    private volatile @Nullable Instant lastReadAt;
    private volatile boolean lastAttemptFailed;

    public ChangeFollower(TokenStore store, CacheInvalidator cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
        long head;
        try {
            head = store.changeHead();
            lastReadAt = clock.instant();
        } catch (RuntimeException e) {
            head = -1; // unknown: the first successful poll clears the whole cache
            lastAttemptFailed = true;
        }
        this.cursor = head;
        this.position = head;
    }

    /** Where this node stands in the feed; never blocks. */
    public ChangeFeedStatus status() {
        return new ChangeFeedStatus(position, lastReadAt, lastAttemptFailed);
    }

    /** Reads new changes and invalidates their tokens; failures are logged and retried next time. */
    public synchronized void poll() {
        try {
            if (cursor < 0) {
                cursor = store.changeHead();
                cache.invalidateAll();
                position = cursor;
            }
            List<TokenChange> changes;
            do {
                changes = store.changesSince(cursor, BATCH);
                for (TokenChange change : changes) {
                    cache.changedInFeed(change.tokenId());
                    cursor = change.sequence();
                }
                position = cursor;
            } while (changes.size() == BATCH);
            lastReadAt = clock.instant();
            lastAttemptFailed = false;
            if (failing.compareAndSet(true, false)) {
                LOG.info("change feed readable again");
            }
        } catch (RuntimeException e) {
            lastAttemptFailed = true;
            if (failing.compareAndSet(false, true)) {
                LOG.warn("cannot read the change feed; cached tokens stay valid until their TTL: {}", e.getMessage());
            }
        }
    }
}
