package dev.pat4j.store.internal;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.StoredToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each owner's tokens, for {@code TokenStore.findByOwner} and {@code countActive}: listing costs
 * what the owner's tokens cost, and counting the active ones a binary search, so neither grows
 * with the store, and creating a token does not grow with the owner's history.
 *
 * <p>Per owner, two sorted array lists: the tokens oldest first (new tokens, the newest, are
 * appended; listing reads it backwards), and the expiries of the tokens not revoked (the
 * tokens' own {@code Instant}s, shared, not copied). About 4 bytes of references per token and
 * list, where a tree would spend an entry and a key object (some 64 bytes) on each.
 *
 * <p>Not thread-safe: the in-memory store changes it under its write lock and reads it under
 * its read lock.
 */
public final class OwnerIndex {
    /** The reverse of findByOwner's order (newest first, then id): oldest first, then id descending. */
    private static final Comparator<StoredToken> OLDEST_FIRST = Comparator.comparing(StoredToken::createdAt)
            .thenComparing(StoredToken::id, Comparator.reverseOrder());

    private final Map<String, Owned> byOwner = new HashMap<>();

    /** Adds a token. */
    public void put(StoredToken token) {
        byOwner.computeIfAbsent(token.owner(), owner -> new Owned()).put(token);
    }

    /** Replaces {@code old}, which this index holds, by {@code next}, another value of the same token. */
    public void replace(StoredToken old, StoredToken next) {
        Owned owned = byOwner.get(old.owner());
        if (old.owner().equals(next.owner()) && old.createdAt().equals(next.createdAt())) {
            owned.replace(old, next);
            return;
        }
        // The SPI lets an update carry any owner or creation time; in practice neither changes.
        owned.remove(old);
        if (owned.isEmpty()) {
            byOwner.remove(old.owner());
        }
        put(next);
    }

    /** Every token of {@code owner}, newest first, then by id: a copy, safe to hand out. */
    public List<StoredToken> tokensOf(String owner) {
        Owned owned = byOwner.get(owner);
        if (owned == null) {
            return List.of();
        }
        List<StoredToken> newestFirst = new ArrayList<>(owned.oldestFirst);
        Collections.reverse(newestFirst);
        return Collections.unmodifiableList(newestFirst);
    }

    /**
     * A page of {@code owner}'s tokens, as {@code TokenPaging.findPage} defines it. By creation
     * time it walks the owner's list from the cursor (found by binary search) and stops at a
     * full page, so it costs the rows it passes; by expiry or name it filters and sorts the
     * owner's tokens, which no second list per owner is kept for.
     */
    public List<StoredToken> page(String owner, Set<TokenState> states, Instant now, String search, TokenSort sort,
                                  PagePosition after, int limit) {
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("a position in " + after.sort() + " order cannot start a page in "
                    + sort + " order");
        }
        Owned owned = byOwner.get(owner);
        if (owned == null) {
            return List.of();
        }
        if (sort == TokenSort.CREATED_OLDEST || sort == TokenSort.CREATED_NEWEST) {
            Page page = new Page(states, now, search, after, limit);
            owned.walkByCreation(sort == TokenSort.CREATED_NEWEST, after, page);
            return List.copyOf(page.rows);
        }
        return PageOrder.page(owned.oldestFirst, states, now, search, sort, after, limit);
    }

    /** The rows of a page being collected: those after the position that pass the filter, up to the limit. */
    private static final class Page {
        final Set<TokenState> states;
        final Instant now;
        final String search;
        final PagePosition after;
        final int limit;
        final List<StoredToken> rows = new ArrayList<>();

        Page(Set<TokenState> states, Instant now, String search, PagePosition after, int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive, was " + limit);
            }
            this.states = states;
            this.now = now;
            this.search = search;
            this.after = after;
            this.limit = limit;
        }

        boolean full() {
            return rows.size() >= limit;
        }

        void offer(StoredToken t) {
            if ((after == null || PageOrder.isAfter(t, after)) && PageOrder.matches(t, states, now, search)) {
                rows.add(t);
            }
        }
    }

    /** How many tokens of {@code owner} are neither revoked nor expired at {@code now}. */
    public int countActive(String owner, Instant now) {
        Owned owned = byOwner.get(owner);
        return owned == null ? 0 : owned.countActive(now);
    }

    /** One owner's tokens, oldest first, and the sorted expiries of those not revoked. */
    private static final class Owned {
        final ArrayList<StoredToken> oldestFirst = new ArrayList<>(4);
        final ArrayList<Instant> notRevokedExpiries = new ArrayList<>(4);

        void put(StoredToken token) {
            int at = Collections.binarySearch(oldestFirst, token, OLDEST_FIRST);
            oldestFirst.add(-at - 1, token); // ids are unique, so never found: the insertion point
            if (!token.revoked()) {
                addExpiry(token.expiresAt());
            }
        }

        void remove(StoredToken token) {
            oldestFirst.remove(Collections.binarySearch(oldestFirst, token, OLDEST_FIRST));
            if (!token.revoked()) {
                removeExpiry(token.expiresAt());
            }
        }

        /** Same creation time and id, so the same place in the list. */
        void replace(StoredToken old, StoredToken next) {
            oldestFirst.set(Collections.binarySearch(oldestFirst, old, OLDEST_FIRST), next);
            if (old.revoked() != next.revoked() || !old.expiresAt().equals(next.expiresAt())) {
                if (!old.revoked()) {
                    removeExpiry(old.expiresAt());
                }
                if (!next.revoked()) {
                    addExpiry(next.expiresAt());
                }
            }
        }

        boolean isEmpty() {
            return oldestFirst.isEmpty();
        }

        /**
         * Offers {@code page} the tokens from {@code after}'s creation time on, in the order by
         * creation (oldest or newest first, ids in the same direction), until it is full. The
         * list orders ties by id descending, so each run of one creation time is read in the
         * direction that gives the page's id order.
         */
        void walkByCreation(boolean newest, PagePosition after, Page page) {
            int size = oldestFirst.size();
            if (newest) {
                int end = after == null ? size : firstCreatedAfter(after.time());
                while (end > 0 && !page.full()) {
                    int start = startOfRun(end - 1);
                    for (int i = start; i < end && !page.full(); i++) {
                        page.offer(oldestFirst.get(i));
                    }
                    end = start;
                }
            } else {
                int start = after == null ? 0 : firstCreatedFrom(after.time());
                while (start < size && !page.full()) {
                    int end = endOfRun(start);
                    for (int i = end - 1; i >= start && !page.full(); i--) {
                        page.offer(oldestFirst.get(i));
                    }
                    start = end;
                }
            }
        }

        /** The index of the first token created after {@code at} (the size if none was). */
        private int firstCreatedAfter(Instant at) {
            return firstCreated(at, true);
        }

        /** The index of the first token created at or after {@code at} (the size if none was). */
        private int firstCreatedFrom(Instant at) {
            return firstCreated(at, false);
        }

        private int firstCreated(Instant at, boolean strictlyAfter) {
            int low = 0;
            int high = oldestFirst.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                int c = oldestFirst.get(mid).createdAt().compareTo(at);
                if (strictlyAfter ? c > 0 : c >= 0) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }

        private int startOfRun(int index) {
            Instant created = oldestFirst.get(index).createdAt();
            int i = index;
            while (i > 0 && oldestFirst.get(i - 1).createdAt().equals(created)) {
                i--;
            }
            return i;
        }

        private int endOfRun(int index) {
            Instant created = oldestFirst.get(index).createdAt();
            int i = index + 1;
            while (i < oldestFirst.size() && oldestFirst.get(i).createdAt().equals(created)) {
                i++;
            }
            return i;
        }

        /** Active at {@code now}: not revoked and expiring after it, i.e. the expiries past the last one at or before now. */
        int countActive(Instant now) {
            return notRevokedExpiries.size() - firstAfter(now);
        }

        private void addExpiry(Instant expiry) {
            notRevokedExpiries.add(firstAfter(expiry), expiry);
        }

        private void removeExpiry(Instant expiry) {
            notRevokedExpiries.remove(Collections.binarySearch(notRevokedExpiries, expiry)); // any equal one will do
        }

        /** The index of the first expiry after {@code at} (the size if none is). */
        private int firstAfter(Instant at) {
            int low = 0;
            int high = notRevokedExpiries.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (notRevokedExpiries.get(mid).isAfter(at)) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }
    }
}
