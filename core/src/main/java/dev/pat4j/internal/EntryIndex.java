package dev.pat4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free, fixed-size read index over the validation cache's entries: buckets of two slots
 * addressed by the key's hash. A hit reads one bucket and the entry it points to; through
 * Caffeine it would read the hash table, the table's node, the key and Caffeine's node in turn,
 * each a dependent cache miss when 100 k ids arrive in random order.
 *
 * <p>The index never holds more than the cache. Entries are published and removed by the
 * holder of the key's lock in the cache (inside its atomic compute, or in its eviction listener),
 * and an invalidation removes the key here as well, so it can never leave an entry behind. An
 * entry that finds both slots of its bucket taken displaces the one loaded earlier; a displaced
 * entry is still found through the cache, only more slowly.
 */
final class EntryIndex {
    /** 2<sup>21</sup> slots (8 MB with compressed references) at most, however large the cache. */
    private static final int MAX_SLOTS = 1 << 21;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(CachedToken[].class);

    private final CachedToken[] slots;
    private final int bucketMask;

    /** An index with about two slots per entry the cache may hold. */
    EntryIndex(long maximumSize) {
        int wanted = (int) Math.max(8, Math.min(MAX_SLOTS / 2, maximumSize)) * 2;
        this.slots = new CachedToken[Integer.bitCount(wanted) == 1 ? wanted : Integer.highestOneBit(wanted) << 1];
        this.bucketMask = (slots.length - 1) & ~1;
    }

    int capacity() {
        return slots.length;
    }

    /** The entry of {@code key} if the index holds it; null otherwise (it may still be cached). */
    CachedToken find(TokenKey key) {
        int i = bucket(key);
        CachedToken first = (CachedToken) SLOTS.getAcquire(slots, i);
        if (first != null && first.hi == key.hi && first.lo == key.lo) {
            return first;
        }
        CachedToken second = (CachedToken) SLOTS.getAcquire(slots, i + 1);
        return second != null && second.hi == key.hi && second.lo == key.lo ? second : null;
    }

    /**
     * Makes {@code entry} the one the index holds for its key, replacing any other entry of that
     * key. Only the holder of the key's lock in the cache may call this.
     */
    void publish(CachedToken entry) {
        int i = bucket(entry);
        CachedToken first = (CachedToken) SLOTS.getAcquire(slots, i);
        CachedToken second = (CachedToken) SLOTS.getAcquire(slots, i + 1);
        int target;
        if (first == null || first.equals(entry)) {
            target = i;
        } else if (second == null || second.equals(entry)) {
            target = i + 1;
        } else {
            target = first.loadedAtMillis <= second.loadedAtMillis ? i : i + 1;
        }
        SLOTS.setRelease(slots, target, entry);
        removeFrom(target ^ 1, entry, entry); // an older entry of the same key in the other slot
    }

    /** Removes every entry of {@code key}. Safe at any time: the index is only ever a subset of the cache. */
    void removeKey(TokenKey key) {
        int i = bucket(key);
        removeFrom(i, key, null);
        removeFrom(i + 1, key, null);
    }

    /** Removes {@code entry} itself, if the index holds it (an eviction: a newer entry of its key stays). */
    void remove(CachedToken entry) {
        int i = bucket(entry);
        SLOTS.compareAndSet(slots, i, entry, (CachedToken) null);
        SLOTS.compareAndSet(slots, i + 1, entry, (CachedToken) null);
    }

    /** Empties the index; call it after emptying the cache, so an entry loaded meanwhile is in both or in the cache only. */
    void clear() {
        for (int i = 0; i < slots.length; i++) {
            SLOTS.setRelease(slots, i, (CachedToken) null);
        }
    }

    /** Clears {@code slot} if it holds an entry of {@code key} other than {@code keep}. */
    private void removeFrom(int slot, TokenKey key, CachedToken keep) {
        CachedToken current = (CachedToken) SLOTS.getAcquire(slots, slot);
        if (current != null && current != keep && current.equals(key)) {
            SLOTS.compareAndSet(slots, slot, current, (CachedToken) null);
        }
    }

    private int bucket(TokenKey key) {
        return key.hashCode() & bucketMask;
    }
}
