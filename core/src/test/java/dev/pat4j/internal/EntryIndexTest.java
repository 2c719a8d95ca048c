package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The read index in front of the validation cache: it finds what was published, never anything
 * that was removed or replaced, and a full bucket displaces its older entry.
 */
class EntryIndexTest {

    @Test
    void findsAPublishedEntryAndNothingForAnotherKey() {
        EntryIndex index = new EntryIndex(100);
        CachedToken entry = entry(key(1), 10);
        index.publish(entry);
        assertThat(index.find(probe(key(1)))).isSameAs(entry);
        assertThat(index.find(probe(key(2)))).isNull();
    }

    @Test
    void isSizedAtTwoSlotsPerEntryWithinItsBounds() {
        assertThat(new EntryIndex(1).capacity()).isEqualTo(16);
        assertThat(new EntryIndex(100_000).capacity()).isEqualTo(1 << 18);
        assertThat(new EntryIndex(1 << 17).capacity()).isEqualTo(1 << 18);
        assertThat(new EntryIndex(Long.MAX_VALUE).capacity()).isEqualTo(1 << 21);
    }

    @Test
    void aThirdKeyOfABucketDisplacesTheEntryLoadedFirst() {
        EntryIndex index = new EntryIndex(1); // 16 slots: 8 buckets
        List<TokenKey> sameBucket = keysOfOneBucket(3);
        CachedToken oldest = entry(sameBucket.get(0), 1);
        CachedToken newer = entry(sameBucket.get(1), 2);
        CachedToken newest = entry(sameBucket.get(2), 3);
        index.publish(oldest);
        index.publish(newer);
        index.publish(newest);
        assertThat(index.find(probe(sameBucket.get(0)))).isNull();
        assertThat(index.find(probe(sameBucket.get(1)))).isSameAs(newer);
        assertThat(index.find(probe(sameBucket.get(2)))).isSameAs(newest);
    }

    @Test
    void aReloadReplacesTheOldEntryOfItsKeyWhicheverSlotItHeld() {
        EntryIndex index = new EntryIndex(1);
        List<TokenKey> sameBucket = keysOfOneBucket(2);
        index.publish(entry(sameBucket.get(0), 1));
        CachedToken old = entry(sameBucket.get(1), 2); // the second slot
        index.publish(old);
        index.remove(index.find(probe(sameBucket.get(0)))); // frees the first slot
        CachedToken reloaded = entry(sameBucket.get(1), 5);
        index.publish(reloaded); // lands in the free first slot and must clear the old one
        assertThat(index.find(probe(sameBucket.get(1)))).isSameAs(reloaded);
        index.remove(reloaded);
        assertThat(index.find(probe(sameBucket.get(1)))).isNull(); // the old entry did not survive
    }

    @Test
    void removingAnEvictedEntryKeepsANewerEntryOfItsKey() {
        EntryIndex index = new EntryIndex(100);
        CachedToken evicted = entry(key(7), 1);
        CachedToken newer = entry(key(7), 2);
        index.publish(evicted);
        index.publish(newer);
        index.remove(evicted);
        assertThat(index.find(probe(key(7)))).isSameAs(newer);
        index.removeKey(probe(key(7)));
        assertThat(index.find(probe(key(7)))).isNull();
    }

    @Test
    void clearForgetsEverything() {
        EntryIndex index = new EntryIndex(100);
        for (int i = 0; i < 50; i++) {
            index.publish(entry(key(i), i));
        }
        index.clear();
        for (int i = 0; i < 50; i++) {
            assertThat(index.find(probe(key(i)))).isNull();
        }
    }

    /**
     * Against a model of what the cache holds: after any sequence of loads, reloads, evictions
     * and invalidations on a small index (many collisions), every lookup answers the key's
     * current entry or nothing, never an entry that was replaced or removed.
     */
    @Property(tries = 300)
    void neverAnswersAnEntryTheCacheNoLongerHolds(@ForAll("operations") List<int[]> operations) {
        EntryIndex index = new EntryIndex(4);
        Map<Integer, CachedToken> cached = new HashMap<>();
        long clock = 0;
        for (int[] op : operations) {
            int k = op[1];
            switch (op[0]) {
                case 0 -> { // load or reload
                    CachedToken e = entry(key(k), ++clock);
                    cached.put(k, e);
                    index.publish(e);
                }
                case 1 -> { // size eviction of the current entry
                    CachedToken e = cached.remove(k);
                    if (e != null) {
                        index.remove(e);
                    }
                }
                default -> { // invalidation
                    cached.remove(k);
                    index.removeKey(probe(key(k)));
                }
            }
            for (int other = 0; other < 24; other++) {
                CachedToken found = index.find(probe(key(other)));
                if (found != null) {
                    assertThat(found).isSameAs(cached.get(other));
                }
            }
        }
    }

    @Provide
    Arbitrary<List<int[]>> operations() {
        Arbitrary<int[]> op = Arbitraries.integers().between(0, 2)
                .flatMap(kind -> Arbitraries.integers().between(0, 23).map(k -> new int[] {kind, k}));
        return op.list().ofMaxSize(200);
    }

    private static TokenKey key(int n) {
        return TokenKey.of(String.format("k%011d", n));
    }

    /** A fresh probe, as the validator packs it from a header: equal to the entry's key, not the same object. */
    private static TokenKey probe(TokenKey key) {
        return new TokenKey(key.hi, key.lo);
    }

    private static CachedToken entry(TokenKey key, long loadedAt) {
        CachedToken entry = new CachedToken(key);
        entry.loadedAtMillis = loadedAt;
        return entry;
    }

    /** {@code count} keys that share a bucket of a 16-slot index. */
    private static List<TokenKey> keysOfOneBucket(int count) {
        List<TokenKey> keys = new ArrayList<>();
        int bucket = key(0).hashCode() & 14;
        for (int n = 0; keys.size() < count; n++) {
            if ((key(n).hashCode() & 14) == bucket) {
                keys.add(key(n));
            }
        }
        return keys;
    }
}
