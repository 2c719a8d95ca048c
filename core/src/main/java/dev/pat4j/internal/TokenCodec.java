package dev.pat4j.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Generates and checks tokens of one prefix without allocating on the check path: the
 * checksum is computed from a caller-provided scratch buffer.
 */
public final class TokenCodec {
    public static final int OK = 0;
    public static final int MALFORMED = 1;
    public static final int BAD_CHECKSUM = 2;

    public static final int ID_LENGTH = 12;
    public static final int SECRET_LENGTH = 32;
    public static final int CHECKSUM_LENGTH = 6;

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,15}");

    private final String prefix;
    private final byte[] prefixBytes; // prefix and '_'
    private final int idStart;
    private final int secretStart;
    private final int checksumStart;
    private final int length;

    public TokenCodec(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("token prefix must match [a-z][a-z0-9]{1,15}: '" + prefix + "'");
        }
        this.prefix = prefix;
        this.prefixBytes = (prefix + '_').getBytes(StandardCharsets.US_ASCII);
        this.idStart = prefix.length() + 1;
        this.secretStart = idStart + ID_LENGTH;
        this.checksumStart = secretStart + SECRET_LENGTH;
        this.length = checksumStart + CHECKSUM_LENGTH;
    }

    public String prefix() {
        return prefix;
    }

    public int tokenLength() {
        return length;
    }

    public int secretStart() {
        return secretStart;
    }

    /** A new token: random id and secret from {@code random}, and its checksum. */
    public String generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(length).append(prefix).append('_');
        appendRandom(sb, random, ID_LENGTH + SECRET_LENGTH);
        byte[] body = new byte[checksumStart];
        for (int i = 0; i < checksumStart; i++) {
            body[i] = (byte) sb.charAt(i);
        }
        CRC32 crc = new CRC32();
        crc.update(body, 0, checksumStart);
        Base62.appendFixed(sb, crc.getValue(), CHECKSUM_LENGTH);
        return sb.toString();
    }

    /** A random base62 id, as a token would carry. */
    public static String randomId(SecureRandom random) {
        StringBuilder sb = new StringBuilder(ID_LENGTH);
        appendRandom(sb, random, ID_LENGTH);
        return sb.toString();
    }

    /** {@link #check(CharSequence, int, int, Scratch)} with its own scratch space (not for the hot path). */
    public int check(CharSequence s, int off) {
        return check(s, off, s.length(), new Scratch());
    }

    /**
     * Checks that {@code s} holds exactly one token of this format from {@code off} to {@code end}
     * (copying it into {@code scratch}).
     *
     * @return {@link #OK}, {@link #MALFORMED} or {@link #BAD_CHECKSUM}
     */
    public int check(CharSequence s, int off, int end, Scratch scratch) {
        if (end - off != length || end > s.length()) {
            return MALFORMED;
        }
        byte[] body = scratch.body;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(off + i);
            if (c >= 0x80) {
                return MALFORMED; // never narrowed: a character must not pass for another
            }
            body[i] = (byte) c;
        }
        return check(body, 0, length, scratch);
    }

    /**
     * Checks that the ASCII bytes {@code b[from, to)} are exactly one token of this format, in
     * place; the accessors for a checked token read them from there until the next check.
     *
     * @return {@link #OK}, {@link #MALFORMED} or {@link #BAD_CHECKSUM}
     */
    int check(byte[] b, int from, int to, Scratch scratch) {
        if (to - from != length) {
            return MALFORMED;
        }
        for (int i = 0; i < idStart; i++) {
            if (b[from + i] != prefixBytes[i]) {
                return MALFORMED;
            }
        }
        if (!Base62.allDigits(b, from + idStart, from + length)) {
            return MALFORMED;
        }
        long expected = 0;
        for (int i = from + checksumStart; i < from + length; i++) {
            expected = expected * 62 + Base62.value(b[i]);
        }
        scratch.token = b;
        scratch.at = from;
        CRC32 crc = scratch.crc;
        crc.reset();
        crc.update(b, from, checksumStart);
        return crc.getValue() == expected ? OK : BAD_CHECKSUM;
    }

    /** Packs the id of the token {@link #check} last accepted with {@code scratch} into {@code key}. */
    void checkedKey(Scratch scratch, TokenKey key) {
        key.set(scratch.token, scratch.at + idStart);
    }

    /** The id of the token {@link #check} last accepted with {@code scratch}. */
    String checkedId(Scratch scratch) {
        return new String(scratch.token, scratch.at + idStart, ID_LENGTH, StandardCharsets.ISO_8859_1);
    }

    /** Copies the secret of the token {@link #check} last accepted with {@code scratch} into {@code out} at {@code outOff}. */
    void copyCheckedSecret(Scratch scratch, byte[] out, int outOff) {
        System.arraycopy(scratch.token, scratch.at + secretStart, out, outOff, SECRET_LENGTH);
    }

    /** The id of a checked token at {@code off}. */
    public String id(CharSequence s, int off) {
        return s.subSequence(off + idStart, off + secretStart).toString();
    }

    /** Writes the secret of a checked token at {@code off} into {@code out} at {@code outOff} as ASCII. */
    public void copySecret(CharSequence s, int off, byte[] out, int outOff) {
        for (int i = 0; i < SECRET_LENGTH; i++) {
            out[outOff + i] = (byte) s.charAt(off + secretStart + i);
        }
    }

    private static void appendRandom(StringBuilder sb, SecureRandom random, int count) {
        byte[] buf = new byte[count * 2];
        int appended = 0;
        while (appended < count) {
            random.nextBytes(buf);
            for (int i = 0; i < buf.length && appended < count; i++) {
                int b = buf[i] & 0xff;
                if (b < 248) { // 248 = 4 * 62: rejection keeps the digits uniform
                    sb.append(Base62.digit(b % 62));
                    appended++;
                }
            }
        }
    }

    /** Per-thread scratch space for {@link #check}. Not thread-safe. */
    public static final class Scratch {
        final byte[] body = new byte[72]; // the longest token: 16-character prefix, '_' and 50
        final CRC32 crc = new CRC32();
        byte[] token; // where the last checked token lies
        int at;
    }
}
