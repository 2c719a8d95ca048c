package dev.pat4j.internal;

import java.nio.charset.StandardCharsets;

/** A reusable {@link CharSequence} over bytes, so decoded Basic credentials need no String. */
final class AsciiView implements CharSequence {
    private byte[] bytes;
    private int from;
    private int to;

    AsciiView wrap(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        return this;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "AsciiView[" + length() + " bytes]"; // never the content: it may be a secret
    }
}
