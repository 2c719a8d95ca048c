package dev.pat4j.internal;

import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final AtomicBoolean failing = new AtomicBoolean();
    private long cursor; // guarded by this

    public ChangeFollower(TokenStore store, CacheInvalidator cache) {
        this.store = store;
        this.cache = cache;
        long head;
        try {
            head = store.changeHead();
        } catch (RuntimeException e) {
            head = -1; // unknown: the first successful poll clears the whole cache
        }
        this.cursor = head;
    }

    /** Reads new changes and invalidates their tokens; failures are logged and retried next time. */
    public synchronized void poll() {
        try {
            if (cursor < 0) {
                cursor = store.changeHead();
                cache.invalidateAll();
            }
            List<TokenChange> changes;
            do {
                changes = store.changesSince(cursor, BATCH);
                for (TokenChange change : changes) {
                    cache.changedInFeed(change.tokenId());
                    cursor = change.sequence();
                }
            } while (changes.size() == BATCH);
            if (failing.compareAndSet(true, false)) {
                LOG.info("change feed readable again");
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("cannot read the change feed; cached tokens stay valid until their TTL: {}", e.getMessage());
            }
        }
    }
}
