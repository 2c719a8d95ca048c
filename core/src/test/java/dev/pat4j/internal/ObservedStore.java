package dev.pat4j.internal;

import dev.pat4j.store.ChangeAnnouncer;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real {@link InMemoryTokenStore} seen through a window that counts finds per id, can hold the
 * next find of one id on a latch (after reading the record, so the answer it returns is what the
 * store held when the find began), and can hide the {@link LiveTokenIds} capability or the
 * change wake-ups. Thread-safe.
 */
final class ObservedStore implements TokenStore, ChangeAnnouncer, LiveTokenIds {
    private final InMemoryTokenStore delegate = new InMemoryTokenStore();
    private final boolean offersLiveIds;
    private final boolean wakeUps;
    private final Map<String, AtomicInteger> finds = new ConcurrentHashMap<>();
    private final AtomicInteger findCalls = new AtomicInteger();
    private volatile String heldId;
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(0);

    ObservedStore(boolean offersLiveIds, boolean wakeUps) {
        this.offersLiveIds = offersLiveIds;
        this.wakeUps = wakeUps;
    }

    /** Holds the next find of {@code id} until {@link #release()}; {@link #awaitHeld()} waits for it to begin. */
    void holdNextFindOf(String id) {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        heldId = id;
    }

    void awaitHeld() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the held find never began");
        }
    }

    void release() {
        release.countDown();
    }

    int findsOf(String id) {
        AtomicInteger n = finds.get(id);
        return n == null ? 0 : n.get();
    }

    int findCalls() {
        return findCalls.get();
    }

    @Override
    public Optional<StoredToken> find(String id) {
        findCalls.incrementAndGet();
        finds.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        Optional<StoredToken> found = delegate.find(id);
        if (id.equals(heldId)) {
            heldId = null;
            entered.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the held find was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return found;
    }

    @Override
    public void insert(StoredToken token) {
        delegate.insert(token);
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        return delegate.findByOwner(owner);
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        return delegate.findExpiring(from, to);
    }

    @Override
    public int countActive(String owner, Instant now) {
        return delegate.countActive(owner, now);
    }

    @Override
    public boolean update(StoredToken next) {
        return delegate.update(next);
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        return delegate.claimExpiryNotice(id, expiresAt);
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        delegate.recordLastUsed(lastUsed);
    }

    @Override
    public long changeHead() {
        return delegate.changeHead();
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        return delegate.changesSince(after, limit);
    }

    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        return wakeUps ? delegate.onChange(wakeUp) : () -> { };
    }

    @Override
    public void announceChanges(Collection<String> tokenIds) {
        delegate.announceChanges(tokenIds);
    }

    @Override
    public long countLive(Instant now) {
        return delegate.countLive(now);
    }

    @Override
    public void forEachLiveId(Instant now, Consumer<String> action) {
        delegate.forEachLiveId(now, action);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == LiveTokenIds.class && !offersLiveIds) {
            return Optional.empty();
        }
        return TokenStore.super.capability(type);
    }
}
