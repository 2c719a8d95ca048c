package dev.pat4j.benchmarks;

import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store that counts reads by id. */
final class CountingStore implements TokenStore {
    final AtomicInteger finds = new AtomicInteger();
    private final InMemoryTokenStore delegate = new InMemoryTokenStore();

    @Override
    public Optional<StoredToken> find(String id) {
        finds.incrementAndGet();
        return delegate.find(id);
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
}
