package dev.pat4j.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link TokenStore} in this JVM's memory: the default, and the store of tests and demos.
 * Several {@link dev.pat4j.Pat4j} instances may share one, like nodes sharing a database.
 */
public final class InMemoryTokenStore implements TokenStore {
    private static final int MAX_RETAINED_CHANGES = 100_000;

    private final Map<String, StoredToken> tokens = new ConcurrentHashMap<>();
    private final List<TokenChange> changes = new ArrayList<>(); // guarded by this
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long sequence; // guarded by this

    @Override
    public void insert(StoredToken token) {
        if (tokens.putIfAbsent(token.id(), token) != null) {
            throw new DuplicateTokenIdException(token.id());
        }
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tokens.get(id));
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        return tokens.values().stream()
                .filter(t -> t.owner().equals(owner))
                .sorted(Comparator.comparing(StoredToken::createdAt).reversed().thenComparing(StoredToken::id))
                .toList();
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        return tokens.values().stream()
                .filter(t -> !t.revoked() && t.expiresAt().isAfter(from) && !t.expiresAt().isAfter(to))
                .sorted(Comparator.comparing(StoredToken::expiresAt).thenComparing(StoredToken::id))
                .toList();
    }

    @Override
    public int countActive(String owner, Instant now) {
        return (int) tokens.values().stream().filter(t -> t.owner().equals(owner) && t.activeAt(now)).count();
    }

    @Override
    public boolean update(StoredToken next) {
        boolean[] replaced = {false};
        tokens.computeIfPresent(next.id(), (id, current) -> {
            if (current.version() != next.version() - 1) {
                return current;
            }
            replaced[0] = true;
            return next.withBookkeeping(later(current.lastUsedAt(), next.lastUsedAt()), noticeFlag(current, next));
        });
        if (replaced[0]) {
            appendChange(next.id());
        }
        return replaced[0];
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        if (id == null) {
            return false;
        }
        boolean[] claimed = {false};
        tokens.computeIfPresent(id, (key, current) -> {
            if (current.expiryNotified() || !current.expiresAt().equals(expiresAt)) {
                return current;
            }
            claimed[0] = true;
            return current.withBookkeeping(current.lastUsedAt(), true);
        });
        return claimed[0];
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        lastUsed.forEach((id, at) -> tokens.computeIfPresent(id,
                (key, current) -> current.withBookkeeping(later(current.lastUsedAt(), at), current.expiryNotified())));
    }

    @Override
    public synchronized long changeHead() {
        return sequence;
    }

    @Override
    public synchronized List<TokenChange> changesSince(long after, int limit) {
        List<TokenChange> out = new ArrayList<>();
        for (TokenChange change : changes) {
            if (change.sequence() > after) {
                out.add(change);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        listeners.add(wakeUp);
        return () -> listeners.remove(wakeUp);
    }

    private void appendChange(String id) {
        synchronized (this) {
            changes.add(new TokenChange(++sequence, id));
            if (changes.size() > MAX_RETAINED_CHANGES) {
                changes.subList(0, changes.size() - MAX_RETAINED_CHANGES).clear();
            }
        }
        listeners.forEach(Runnable::run);
    }

    /**
     * The notice flag belongs to an expiry and changes without a version bump, so {@code next}
     * may carry a value read before a racing claim: keep the stored flag unless the expiry moves
     * (then take next's, false: re-armed).
     */
    private static boolean noticeFlag(StoredToken current, StoredToken next) {
        return current.expiresAt().equals(next.expiresAt()) ? current.expiryNotified() : next.expiryNotified();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
