package dev.pat4j.benchmarks;

import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store for the memory measurement: reads return fresh copies of every string and instant, as a
 * database driver materializes a row, so the cache's retained size counts everything a cached
 * token holds (an in-memory store would share its strings with the cache). Last-used writes are
 * dropped, so flushing them does not grow the measured heap.
 */
final class MaterializingStore implements TokenStore {
    private final TokenStore delegate;
    private final boolean copyOnRead;

    MaterializingStore(TokenStore delegate, boolean copyOnRead) {
        this.delegate = delegate;
        this.copyOnRead = copyOnRead;
    }

    @Override
    public Optional<StoredToken> find(String id) {
        Optional<StoredToken> found = delegate.find(id);
        return copyOnRead ? found.map(MaterializingStore::copy) : found;
    }

    private static StoredToken copy(StoredToken t) {
        return new StoredToken(fresh(t.id()), fresh(t.owner()), fresh(t.name()), fresh(t.organization()),
                fresh(t.scopes()), fresh(t.createdAt()), fresh(t.createdBy()), fresh(t.createdVia()),
                fresh(t.expiresAt()), fresh(t.revokedAt()), fresh(t.revokedBy()), fresh(t.lastUsedAt()), t.salt(), t.hash(),
                fresh(t.hashAlgorithm()), t.expiryNotified(), t.version());
    }

    private static String fresh(String s) {
        return s == null ? null : new String(s.toCharArray());
    }

    private static Instant fresh(Instant i) {
        return i == null ? null : Instant.ofEpochSecond(i.getEpochSecond(), i.getNano());
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        // dropped on purpose: see the class comment
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
    public long changeHead() {
        return delegate.changeHead();
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        return delegate.changesSince(after, limit);
    }
}
