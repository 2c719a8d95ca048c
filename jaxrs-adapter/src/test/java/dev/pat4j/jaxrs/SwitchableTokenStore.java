package dev.pat4j.jaxrs;

import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A real store that the test can switch off, as a database that went away: every call then fails. */
final class SwitchableTokenStore implements TokenStore {
    private final TokenStore delegate;
    private final AtomicBoolean available = new AtomicBoolean(true);

    SwitchableTokenStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    void switchOff() {
        available.set(false);
    }

    void switchOn() {
        available.set(true);
    }

    private TokenStore up() {
        if (!available.get()) {
            throw new StoreUnavailableException("test store switched off", null);
        }
        return delegate;
    }

    @Override
    public void insert(StoredToken token) {
        up().insert(token);
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return up().find(id);
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        return up().findByOwner(owner);
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        return up().findExpiring(from, to);
    }

    @Override
    public int countActive(String owner, Instant now) {
        return up().countActive(owner, now);
    }

    @Override
    public boolean update(StoredToken next) {
        return up().update(next);
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        return up().claimExpiryNotice(id, expiresAt);
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        up().recordLastUsed(lastUsed);
    }

    @Override
    public long changeHead() {
        return up().changeHead();
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        return up().changesSince(after, limit);
    }

    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        return delegate.onChange(wakeUp);
    }
}
