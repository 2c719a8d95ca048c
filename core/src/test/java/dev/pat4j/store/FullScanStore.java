package dev.pat4j.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference model of a store: the SPI's rules written as plainly as possible, every query a
 * full scan and every method synchronized. Slow on purpose and obviously right, it is what the
 * indexed {@link InMemoryTokenStore} is compared with (and passes the store contract itself, so
 * the comparison is against a model known to be correct).
 */
final class FullScanStore implements TokenStore {
    private final Map<String, StoredToken> tokens = new HashMap<>();
    private final List<TokenChange> changes = new ArrayList<>();

    @Override
    public synchronized void insert(StoredToken token) {
        if (tokens.containsKey(token.id())) {
            throw new DuplicateTokenIdException(token.id());
        }
        tokens.put(token.id(), token);
        changes.add(new TokenChange(changes.size() + 1, token.id()));
    }

    @Override
    public synchronized Optional<StoredToken> find(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public synchronized List<StoredToken> findByOwner(String owner) {
        return tokens.values().stream()
                .filter(t -> t.owner().equals(owner))
                .sorted(Comparator.comparing(StoredToken::createdAt).reversed().thenComparing(StoredToken::id))
                .toList();
    }

    @Override
    public synchronized List<StoredToken> findExpiring(Instant from, Instant to) {
        return tokens.values().stream()
                .filter(t -> !t.revoked() && t.expiresAt().isAfter(from) && !t.expiresAt().isAfter(to))
                .sorted(Comparator.comparing(StoredToken::expiresAt).thenComparing(StoredToken::id))
                .toList();
    }

    @Override
    public synchronized int countActive(String owner, Instant now) {
        return (int) tokens.values().stream().filter(t -> t.owner().equals(owner) && t.activeAt(now)).count();
    }

    @Override
    public synchronized boolean update(StoredToken next) {
        StoredToken current = tokens.get(next.id());
        if (current == null || current.version() != next.version() - 1) {
            return false;
        }
        boolean notified = current.expiresAt().equals(next.expiresAt()) ? current.expiryNotified()
                : next.expiryNotified();
        tokens.put(next.id(), next.withBookkeeping(later(current.lastUsedAt(), next.lastUsedAt()), notified));
        changes.add(new TokenChange(changes.size() + 1, next.id()));
        return true;
    }

    @Override
    public synchronized boolean claimExpiryNotice(String id, Instant expiresAt) {
        StoredToken current = id == null ? null : tokens.get(id);
        if (current == null || current.expiryNotified() || !current.expiresAt().equals(expiresAt)) {
            return false;
        }
        tokens.put(id, current.withBookkeeping(current.lastUsedAt(), true));
        return true;
    }

    @Override
    public synchronized void recordLastUsed(Map<String, Instant> lastUsed) {
        lastUsed.forEach((id, at) -> {
            StoredToken current = tokens.get(id);
            if (current != null) {
                tokens.put(id, current.withBookkeeping(later(current.lastUsedAt(), at), current.expiryNotified()));
            }
        });
    }

    @Override
    public synchronized long changeHead() {
        return changes.size();
    }

    @Override
    public synchronized List<TokenChange> changesSince(long after, int limit) {
        return changes.stream().filter(c -> c.sequence() > after).limit(Math.max(0, limit)).toList();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
