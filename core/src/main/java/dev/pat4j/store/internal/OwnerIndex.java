package dev.pat4j.store.internal;

import dev.pat4j.store.StoredToken;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each owner's tokens, for {@code TokenStore.findByOwner} and {@code countActive}: listing
 * costs what the owner's tokens cost, and counting the active ones costs what the smaller of
 * the owner's expired and active tokens cost (the latter bounded by the policy's limit), so
 * neither grows with the store, and creating a token does not grow with the owner's history.
 *
 * <p>Not thread-safe: the in-memory store changes it under its write lock and reads it under
 * its read lock.
 */
public final class OwnerIndex {
    private final Map<String, Owned> byOwner = new HashMap<>();

    /** Adds a token. */
    public void put(StoredToken token) {
        byOwner.computeIfAbsent(token.owner(), owner -> new Owned()).put(token);
    }

    /** Replaces {@code old} by {@code next}, another value of the same token. */
    public void replace(StoredToken old, StoredToken next) {
        if (old.owner().equals(next.owner())) {
            byOwner.get(old.owner()).replace(old, next);
            return;
        }
        // The SPI lets an update carry any owner; in practice it never changes.
        Owned previous = byOwner.get(old.owner());
        previous.remove(old);
        if (previous.isEmpty()) {
            byOwner.remove(old.owner());
        }
        put(next);
    }

    /** Every token of {@code owner}, newest first, then by id: a copy, safe to hand out. */
    public List<StoredToken> tokensOf(String owner) {
        Owned owned = byOwner.get(owner);
        return owned == null ? List.of() : List.copyOf(owned.newestFirst.values());
    }

    /** How many tokens of {@code owner} are neither revoked nor expired at {@code now}. */
    public int countActive(String owner, Instant now) {
        Owned owned = byOwner.get(owner);
        return owned == null ? 0 : owned.countActive(now);
    }

    /** One owner's tokens: all of them by creation, and the positions of those not revoked by expiry. */
    private static final class Owned {
        private static final Comparator<CreatedKey> NEWEST_FIRST =
                Comparator.comparing(CreatedKey::createdAt).reversed().thenComparing(CreatedKey::id);

        final NavigableMap<CreatedKey, StoredToken> newestFirst = new TreeMap<>(NEWEST_FIRST);
        final NavigableSet<ExpiryKey> notRevoked = new TreeSet<>(ExpiryKey.SOONEST_FIRST);

        void put(StoredToken token) {
            newestFirst.put(CreatedKey.of(token), token);
            if (!token.revoked()) {
                notRevoked.add(ExpiryKey.of(token));
            }
        }

        void remove(StoredToken token) {
            newestFirst.remove(CreatedKey.of(token));
            notRevoked.remove(ExpiryKey.of(token));
        }

        void replace(StoredToken old, StoredToken next) {
            if (!old.createdAt().equals(next.createdAt())) {
                newestFirst.remove(CreatedKey.of(old));
            }
            newestFirst.put(CreatedKey.of(next), next); // same key: overwrites the value in place
            if (old.revoked() != next.revoked() || !old.expiresAt().equals(next.expiresAt())) {
                notRevoked.remove(ExpiryKey.of(old));
                if (!next.revoked()) {
                    notRevoked.add(ExpiryKey.of(next));
                }
            }
        }

        boolean isEmpty() {
            return newestFirst.isEmpty();
        }

        /**
         * The tokens not revoked split at {@code now} into expired (at or before) and active
         * (after); walking both sides in step until one ends counts the shorter side, and the
         * other is the rest of the set (whose size a tree knows without a walk).
         */
        int countActive(Instant now) {
            ExpiryKey split = ExpiryKey.probe(now);
            Iterator<ExpiryKey> expired = notRevoked.headSet(split, false).iterator();
            Iterator<ExpiryKey> active = notRevoked.tailSet(split, false).iterator();
            for (int walked = 0; ; walked++) {
                if (!active.hasNext()) {
                    return walked;
                }
                if (!expired.hasNext()) {
                    return notRevoked.size() - walked;
                }
                active.next();
                expired.next();
            }
        }
    }

    /** Where a token sits among its owner's. */
    private record CreatedKey(Instant createdAt, String id) {
        static CreatedKey of(StoredToken token) {
            return new CreatedKey(token.createdAt(), token.id());
        }
    }
}
