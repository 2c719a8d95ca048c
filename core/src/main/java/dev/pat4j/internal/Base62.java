package dev.pat4j.internal;

/** The base62 alphabet {@code 0-9A-Za-z} used by every part of a token. */
final class Base62 {
    private static final char[] DIGITS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final byte[] VALUES = new byte[128];
    private static final byte[] INVALID = new byte[256]; // 1 for every byte that is not a digit

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        java.util.Arrays.fill(INVALID, (byte) 1);
        for (int i = 0; i < DIGITS.length; i++) {
            VALUES[DIGITS[i]] = (byte) i;
            INVALID[DIGITS[i]] = 0;
        }
    }

    private Base62() {
    }

    static char digit(int value) {
        return DIGITS[value];
    }

    /** The value of a digit byte; the caller has checked it with {@link #allDigits}. */
    static int value(byte b) {
        return VALUES[b];
    }

    /** Whether every byte of {@code b[from, to)} is a base62 digit: one pass, no branch per byte. */
    static boolean allDigits(byte[] b, int from, int to) {
        int invalid = 0;
        for (int i = from; i < to; i++) {
            invalid |= INVALID[b[i] & 0xff];
        }
        return invalid == 0;
    }

    static void appendFixed(StringBuilder sb, long value, int width) {
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = DIGITS[(int) (value % 62)];
            value /= 62;
        }
        sb.append(out);
    }
}
