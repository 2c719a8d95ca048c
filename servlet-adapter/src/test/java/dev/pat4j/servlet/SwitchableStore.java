package dev.pat4j.servlet;

import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real in-memory store, behind a switch that makes every call fail as an unreachable database would. */
final class SwitchableStore implements TokenStore {
    private final InMemoryTokenStore delegate = new InMemoryTokenStore();
    private volatile boolean down;

    void down(boolean down) {
        this.down = down;
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException("test switched the store off", null);
        }
    }

    @Override
    public void insert(StoredToken token) {
        check();
        delegate.insert(token);
    }

    @Override
    public Optional<StoredToken> find(String id) {
        check();
        return delegate.find(id);
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        check();
        return delegate.findByOwner(owner);
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        check();
        return delegate.findExpiring(from, to);
    }

    @Override
    public int countActive(String owner, Instant now) {
        check();
        return delegate.countActive(owner, now);
    }

    @Override
    public boolean update(StoredToken next) {
        check();
        return delegate.update(next);
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        check();
        return delegate.claimExpiryNotice(id, expiresAt);
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        check();
        delegate.recordLastUsed(lastUsed);
    }

    @Override
    public long changeHead() {
        check();
        return delegate.changeHead();
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        check();
        return delegate.changesSince(after, limit);
    }

    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        return delegate.onChange(wakeUp);
    }
}
