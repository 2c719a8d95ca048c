package dev.pat4j.store.internal;

import dev.pat4j.store.StoredToken;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where a token sits among tokens ordered by expiry: soonest first, then by id. A key with a
 * null id is a probe that sorts after every token expiring at the same instant, so the probe of
 * {@code t} splits an index into the tokens expiring at or before {@code t} and those after.
 */
record ExpiryKey(Instant expiresAt, String id) {
    static final Comparator<ExpiryKey> SOONEST_FIRST = Comparator.comparing(ExpiryKey::expiresAt)
            .thenComparing(ExpiryKey::id, Comparator.nullsLast(Comparator.naturalOrder()));

    static ExpiryKey of(StoredToken token) {
        return new ExpiryKey(token.expiresAt(), token.id());
    }

    /** Above every token expiring at or before {@code at}, below every token expiring after it. */
    static ExpiryKey probe(Instant at) {
        return new ExpiryKey(at, null);
    }
}
