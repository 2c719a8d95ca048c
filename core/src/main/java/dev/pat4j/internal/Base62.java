package dev.pat4j.internal;

/** The base62 alphabet {@code 0-9A-Za-z} used by every part of a token. */
final class Base62 {
    private static final char[] DIGITS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < DIGITS.length; i++) {
            VALUES[DIGITS[i]] = (byte) i;
        }
    }

    private Base62() {
    }

    static char digit(int value) {
        return DIGITS[value];
    }

    static boolean isDigit(char c) {
        return c < 128 && VALUES[c] >= 0;
    }

    static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
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
