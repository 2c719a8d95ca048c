package dev.pat4j.store.internal;

import dev.pat4j.store.StoredToken;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The tokens not revoked, soonest expiry first (then by id), as
 * {@code TokenStore.findExpiring} answers: a sorted map from (expiry, id) to the token's current
 * value, so a window of expiries is a range read that costs what the tokens in the window cost.
 * Revoked tokens leave the index; expired ones stay (no window that starts now reaches them).
 *
 * <p>Not thread-safe: the in-memory store changes it under its write lock and reads it under
 * its read lock.
 */
public final class ExpiryIndex {
    private final NavigableMap<ExpiryKey, StoredToken> tokens = new TreeMap<>(ExpiryKey.SOONEST_FIRST);

    /** Adds a token unless it is revoked. */
    public void put(StoredToken token) {
        if (!token.revoked()) {
            tokens.put(ExpiryKey.of(token), token);
        }
    }

    /** Replaces {@code old} by {@code next}, another value of the same token. */
    public void replace(StoredToken old, StoredToken next) {
        if (!old.expiresAt().equals(next.expiresAt()) || next.revoked()) {
            tokens.remove(ExpiryKey.of(old)); // moved or revoked: the old position must not answer any more
        }
        put(next); // same position: overwrites the value in place
    }

    /** The tokens not revoked whose expiry is after {@code from} and at or before {@code to}, soonest first. */
    public List<StoredToken> expiring(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of(); // no expiry is after from and at or before to (and subMap refuses from > to)
        }
        return List.copyOf(tokens.subMap(ExpiryKey.probe(from), false, ExpiryKey.probe(to), false).values());
    }
}
