package dev.pat4j.testkit;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.ChangeAnnouncer;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenPaging;
import dev.pat4j.store.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import java.util.function.Consumer;

/**
 * A real store (normally an {@code InMemoryTokenStore}) seen through a window that counts the
 * calls the library makes and can be switched off to simulate an outage: while it is down every
 * call throws {@link StoreUnavailableException}, as a store that lost its database would.
 * Thread-safe as its delegate is; the counts and the switch may be read and flipped from any
 * thread while requests run. It passes on the delegate's {@link ChangeAnnouncer} and
 * {@link TokenPaging} and {@link LiveTokenIds} capabilities (switched off with the rest), so a validator over it builds
 * its filter of live ids as over the delegate.
 */
public final class CountingStore implements TokenStore, ChangeAnnouncer, TokenPaging, LiveTokenIds {
    private final TokenStore delegate;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean wakeUps = new AtomicBoolean(true);
    private final AtomicInteger feedReadsStarted = new AtomicInteger();
    private final Map<Long, Integer> readsStartedWhenSeen = new ConcurrentHashMap<>(); // sequence -> reads started
    private final Map<String, AtomicInteger> finds = new ConcurrentHashMap<>();
    private final AtomicInteger findCalls = new AtomicInteger();
    private final List<Map<String, Instant>> lastUsedBatches = new CopyOnWriteArrayList<>();

    public CountingStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    /** Switches the simulated outage on or off. */
    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    /**
     * Whether the delegate's change wake-ups reach subscribers (default true). A single-node test
     * that asserts what stays cached turns them off (with a long poll interval), so the change
     * feed's echo of its own creates cannot drop an entry at a moment the test does not choose.
     */
    public void setWakeUps(boolean on) {
        wakeUps.set(on);
    }

    /** How many times {@link #find} was asked for {@code id}. */
    public int findsOf(String id) {
        AtomicInteger n = finds.get(id);
        return n == null ? 0 : n.get();
    }

    /** How many times {@link #find} was called at all. */
    public int findCalls() {
        return findCalls.get();
    }

    /** Every batch passed to {@link #recordLastUsed}, in order (failed ones included). */
    public List<Map<String, Instant>> lastUsedBatches() {
        return List.copyOf(lastUsedBatches);
    }

    private void up() {
        if (down.get()) {
            throw new StoreUnavailableException("simulated outage: database unreachable", null);
        }
    }

    @Override
    public void insert(StoredToken token) {
        up();
        delegate.insert(token);
    }

    @Override
    public Optional<StoredToken> find(String id) {
        findCalls.incrementAndGet();
        if (id != null) {
            finds.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
        up();
        return delegate.find(id);
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        up();
        return delegate.findByOwner(owner);
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        up();
        return delegate.findExpiring(from, to);
    }

    @Override
    public int countActive(String owner, Instant now) {
        up();
        return delegate.countActive(owner, now);
    }

    @Override
    public boolean update(StoredToken next) {
        up();
        return delegate.update(next);
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        up();
        return delegate.claimExpiryNotice(id, expiresAt);
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        lastUsedBatches.add(Map.copyOf(lastUsed));
        up();
        delegate.recordLastUsed(lastUsed);
    }

    @Override
    public long changeHead() {
        up();
        return delegate.changeHead();
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        feedReadsStarted.incrementAndGet();
        up();
        List<TokenChange> changes = delegate.changesSince(after, limit);
        int started = feedReadsStarted.get();
        for (TokenChange c : changes) {
            readsStartedWhenSeen.putIfAbsent(c.sequence(), started);
        }
        return changes;
    }

    /**
     * Waits (a bounded poll) until the node reading the feed through this store has handled the
     * change numbered {@code sequence}: a read returned it, and a later read began (a follower
     * handles each batch before it reads again). A test calls it so that the feed's echo of what
     * it just did has reached the node's cache before it asserts what stays cached there.
     *
     * @return false if that did not happen within {@code limit}
     */
    public boolean awaitFeedHandled(long sequence, Duration limit) {
        return Fixtures.eventually(limit, () -> {
            Integer seenAt = readsStartedWhenSeen.get(sequence);
            return seenAt != null && feedReadsStarted.get() > seenAt;
        });
    }

    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        return delegate.onChange(() -> {
            if (wakeUps.get()) {
                wakeUp.run();
            }
        });
    }

    @Override
    public void announceChanges(Collection<String> tokenIds) {
        up();
        delegate.capability(ChangeAnnouncer.class).orElseThrow(() -> new UnsupportedOperationException(
                "the delegate store cannot announce changes")).announceChanges(tokenIds);
    }

    @Override
    public List<StoredToken> findPage(String owner, Set<TokenState> states, Instant now, @Nullable String search,
                                      TokenSort sort, @Nullable PagePosition after, int limit) {
        up();
        return delegate.capability(TokenPaging.class).orElseThrow(() -> new UnsupportedOperationException(
                "the delegate store cannot page")).findPage(owner, states, now, search, sort, after, limit);
    }

    @Override
    public long countLive(Instant now) {
        up();
        return liveIds().countLive(now);
    }

    @Override
    public void forEachLiveId(Instant now, Consumer<String> action) {
        up();
        liveIds().forEachLiveId(now, action);
    }

    private LiveTokenIds liveIds() {
        return delegate.capability(LiveTokenIds.class).orElseThrow(() -> new UnsupportedOperationException(
                "the delegate store cannot list live token ids"));
    }

    /** The delegate's capabilities, through this window; {@link TokenStore} itself is this store. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == ChangeAnnouncer.class || type == LiveTokenIds.class) {
            return delegate.capability(type).map(capability -> type.cast(this));
        }
        if (type == TokenPaging.class) {
            return delegate.capability(TokenPaging.class).map(paging -> type.cast(this));
        }
        return TokenStore.super.capability(type);
    }
}
