package dev.pat4j.validation;

import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that hands every call to another one, for tests to override single calls of. */
class ForwardingStore implements TokenStore {
    private final TokenStore delegate;

    ForwardingStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void insert(StoredToken token) {
        delegate.insert(token);
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return delegate.find(id);
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
