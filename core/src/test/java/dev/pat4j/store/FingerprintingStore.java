package dev.pat4j.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory store that also keeps a settings fingerprint, as a database shared by several
 * processes does: for the tests of the fingerprint check. Can be told to answer as a store whose
 * schema predates the fingerprint, or as an unreachable one.
 */
public final class FingerprintingStore implements TokenStore, SettingsFingerprintStore {
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final Map<String, String> recorded = new HashMap<>();
    private volatile boolean keepsNone;
    private volatile boolean down;

    /** Answers as a store that cannot keep a fingerprint (a schema older than version 4). */
    public void keepNone(boolean none) {
        this.keepsNone = none;
    }

    /** Answers the fingerprint calls as an unreachable store. */
    public void setDown(boolean isDown) {
        this.down = isDown;
    }

    @Override
    public synchronized Optional<Map<String, String>> recordedSettings() {
        if (down) {
            throw new StoreUnavailableException("simulated outage", null);
        }
        return keepsNone ? Optional.empty() : Optional.of(Map.copyOf(recorded));
    }

    @Override
    public synchronized boolean replaceRecordedSettings(Map<String, String> expected, Map<String, String> replacement) {
        if (down) {
            throw new StoreUnavailableException("simulated outage", null);
        }
        if (!recorded.equals(expected)) {
            return false;
        }
        recorded.clear();
        recorded.putAll(replacement);
        return true;
    }

    @Override
    public void insert(StoredToken token) {
        tokens.insert(token);
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return tokens.find(id);
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        return tokens.findByOwner(owner);
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        return tokens.findExpiring(from, to);
    }

    @Override
    public int countActive(String owner, Instant now) {
        return tokens.countActive(owner, now);
    }

    @Override
    public boolean update(StoredToken next) {
        return tokens.update(next);
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        return tokens.claimExpiryNotice(id, expiresAt);
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        tokens.recordLastUsed(lastUsed);
    }

    @Override
    public long changeHead() {
        return tokens.changeHead();
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        return tokens.changesSince(after, limit);
    }
}
