package dev.pat4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A Bloom filter of token ids: says "never added" for most ids that were not added, and never
 * for one that was. The validator keeps the ids of live tokens in one, so an id a forger made up
 * (with a valid checksum) is refused without a store call. Sized for at most 1 % false
 * positives at its expected number of ids (about 10 bits per id, 7 to 13 probes); more ids than
 * that raise the rate gradually, and a periodic rebuild resizes it.
 *
 * <p>Thread-safe without locks: bits are only ever set (atomically), so a reader sees every id
 * whose {@link #add} completed before its read began.
 */
final class IdFilter {
    /** Bits per id for 0.9 % false positives at the optimal number of probes: -ln(0.009) / ln(2)². */
    private static final double BITS_PER_ID = -Math.log(0.009) / (Math.log(2) * Math.log(2));
    /** 2<sup>26</sup> words: 512 MB of bits at most, however many ids are expected. */
    private static final int MAX_WORDS = 1 << 26;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] words;
    private final long bitMask;
    private final int probes;

    private IdFilter(int wordCount, int probes) {
        this.words = new long[wordCount];
        this.bitMask = (long) wordCount * Long.SIZE - 1;
        this.probes = probes;
    }

    /** An empty filter for {@code expected} ids (at least 1,024). */
    static IdFilter forExpected(long expected) {
        long ids = Math.max(1024, expected);
        double bits = Math.ceil(ids * BITS_PER_ID);
        long wanted = (long) Math.min((double) MAX_WORDS, Math.ceil(bits / Long.SIZE));
        int wordCount = Integer.highestOneBit((int) wanted);
        if (wordCount < wanted) {
            wordCount <<= 1; // a power of two, so a probe is a mask, not a division
        }
        double bitsPerId = (double) wordCount * Long.SIZE / ids;
        int probes = (int) Math.max(1, Math.min(16, Math.round(bitsPerId * Math.log(2))));
        return new IdFilter(wordCount, probes);
    }

    long bitCount() {
        return bitMask + 1;
    }

    int probes() {
        return probes;
    }

    /** Adds the id {@code key} packs. */
    void add(TokenKey key) {
        long h1 = h1(key);
        long h2 = h2(key);
        for (int i = 0; i < probes; i++) {
            long bit = (h1 + i * h2) & bitMask;
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            if (((long) WORDS.getAcquire(words, word) & mask) == 0) {
                WORDS.getAndBitwiseOr(words, word, mask);
            }
        }
    }

    /** Adds {@code id}; an id no token can have (not 12 ASCII characters) is ignored. */
    void add(String id) {
        TokenKey key = TokenKey.of(id);
        if (key != null) {
            add(key);
        }
    }

    /** False if {@code key} was certainly never added; true if it was, or (rarely) if it only looks so. */
    boolean mightContain(TokenKey key) {
        long h1 = h1(key);
        long h2 = h2(key);
        for (int i = 0; i < probes; i++) {
            long bit = (h1 + i * h2) & bitMask;
            if (((long) WORDS.getAcquire(words, (int) (bit >>> 6)) & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long h1(TokenKey key) {
        return mix(key.hi ^ ((long) key.lo * 0x9E3779B97F4A7C15L));
    }

    /** Odd, so the probes of one id cycle through every bit position before repeating. */
    private static long h2(TokenKey key) {
        return mix(((long) key.lo << 32 | (key.hi >>> 32)) + 0xC2B2AE3D27D4EB4FL + key.hi) | 1;
    }

    /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
