package dev.pat4j.store.internal;

import dev.pat4j.store.TokenChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory store's change feed: changes numbered 1, 2, 3… without gaps, of which at least
 * the newest {@code retained} are kept. Because sequences are contiguous, a read finds its
 * starting point by arithmetic instead of a scan, and old changes are dropped in batches (when
 * twice {@code retained} are held), so neither a poll nor an append costs the feed's length.
 *
 * <p>Not thread-safe: the in-memory store appends under its write lock and reads under its
 * read lock.
 */
public final class ChangeLog {
    private final int retained;
    private final List<TokenChange> changes = new ArrayList<>();
    private long head;

    public ChangeLog(int retained) {
        if (retained < 1) {
            throw new IllegalArgumentException("retained must be positive");
        }
        this.retained = retained;
    }

    /** Appends a change of {@code tokenId} with the next sequence. */
    public void append(String tokenId) {
        changes.add(new TokenChange(++head, tokenId));
        if (changes.size() >= 2 * retained) {
            changes.subList(0, changes.size() - retained).clear();
        }
    }

    /** The sequence of the newest change, or 0 if there is none. */
    public long head() {
        return head;
    }

    /** Up to {@code limit} changes with a sequence greater than {@code after}, in order. */
    public List<TokenChange> since(long after, int limit) {
        if (changes.isEmpty() || limit < 1 || after >= head) {
            return List.of();
        }
        long oldest = changes.get(0).sequence();
        int from = (int) (Math.max(after + 1, oldest) - oldest);
        int to = (int) Math.min(changes.size(), (long) from + limit);
        return List.copyOf(changes.subList(from, to));
    }
}
