package dev.pat4j.internal;

/**
 * A token id as the validation cache's key: its 12 base62 characters packed into 12 bytes, so
 * a lookup needs no string and compares two words. A reusable instance per thread serves as the
 * lookup probe; keys stored in the cache are never changed after construction.
 */
class TokenKey {
    static final int LENGTH = TokenCodec.ID_LENGTH;

    long hi; // characters 0-7, one byte each
    int lo;  // characters 8-11

    TokenKey() {
    }

    TokenKey(long hi, int lo) {
        this.hi = hi;
        this.lo = lo;
    }

    /** The key of {@code id}, or null if it is not 12 ASCII characters (no token has such an id). */
    static TokenKey of(String id) {
        if (id == null || id.length() != LENGTH) {
            return null;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (id.charAt(i) >= 128) {
                return null;
            }
        }
        TokenKey key = new TokenKey();
        key.set(id, 0);
        return key;
    }

    /** Packs the 12 ASCII characters of {@code s} from {@code from}; the caller has checked they are ASCII. */
    final TokenKey set(CharSequence s, int from) {
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | s.charAt(from + i);
        }
        int l = 0;
        for (int i = 8; i < LENGTH; i++) {
            l = (l << 8) | s.charAt(from + i);
        }
        hi = h;
        lo = l;
        return this;
    }

    /** Packs the 12 ASCII bytes of {@code b} from {@code from}. */
    final TokenKey set(byte[] b, int from) {
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | b[from + i];
        }
        int l = 0;
        for (int i = 8; i < LENGTH; i++) {
            l = (l << 8) | b[from + i];
        }
        hi = h;
        lo = l;
        return this;
    }

    @Override
    public final int hashCode() {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof TokenKey k && k.hi == hi && k.lo == lo;
    }

    @Override
    public String toString() {
        char[] c = new char[LENGTH];
        for (int i = 0; i < 8; i++) {
            c[i] = (char) ((hi >>> (56 - 8 * i)) & 0x7f);
        }
        for (int i = 8; i < LENGTH; i++) {
            c[i] = (char) ((lo >>> (24 - 8 * (i - 8))) & 0x7f);
        }
        return new String(c);
    }
}
