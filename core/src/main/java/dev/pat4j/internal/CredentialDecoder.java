package dev.pat4j.internal;

/**
 * Finds the token inside an {@code Authorization} header without allocating, working on a copy
 * of the header's characters (one bulk copy, then plain array reads): Bearer credentials are
 * narrowed to bytes, Basic credentials base64-decoded, both into scratch space.
 */
final class CredentialDecoder {
    static final int MAX_HEADER_LENGTH = 8192;

    private static final byte[] BASE64 = new byte[128];

    static {
        java.util.Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    private CredentialDecoder() {
    }

    /**
     * Locates the token of the header whose characters are {@code chars[0, length)} and writes
     * it, as bytes, into {@code buffer}; on success {@code out} holds its bounds there. Returns
     * false for anything that is not a well-formed Basic or Bearer credential. The caller wipes
     * {@code buffer} with {@link Located#wipeDecoded} whatever the outcome.
     */
    static boolean locate(char[] chars, int length, byte[] buffer, Located out) {
        int end = length;
        int start = 0;
        while (start < end && isSpace(chars[start])) {
            start++;
        }
        while (end > start && isSpace(chars[end - 1])) {
            end--;
        }
        int schemeEnd = start;
        while (schemeEnd < end && !isSpace(chars[schemeEnd])) {
            schemeEnd++;
        }
        int credentials = schemeEnd;
        while (credentials < end && isSpace(chars[credentials])) {
            credentials++;
        }
        if (credentials == schemeEnd || credentials == end) {
            return false; // scheme only
        }
        int schemeLength = schemeEnd - start;
        if (schemeLength == 6 && schemeIs(chars, start, "bearer")) {
            // no separate scan for inner spaces: the codec accepts only prefix and base62 characters
            return ascii(chars, credentials, end, buffer, out);
        }
        if (schemeLength == 5 && schemeIs(chars, start, "basic")) {
            return basic(chars, credentials, end, buffer, out);
        }
        return false;
    }

    /**
     * Writes {@code chars[from, to)} into {@code buffer} as bytes, for the codec; false if any
     * of them is not ASCII (every character of a token is), so no character can pass for another
     * by losing its high bits.
     */
    static boolean ascii(char[] chars, int from, int to, byte[] buffer, Located out) {
        int n = to - from;
        int high = 0;
        for (int i = 0; i < n; i++) {
            char c = chars[from + i];
            high |= c;
            buffer[i] = (byte) c;
        }
        out.decodedLength = n;
        out.set(0, n);
        return high < 0x80;
    }

    /**
     * ASCII case-insensitive match of a scheme name (RFC 7235: schemes are ASCII tokens).
     * Not {@code regionMatches(true, ...)}: Java's Unicode case folding would accept look-alikes
     * such as "Ba\u017fic" (long s) or "Bas\u0131c" (dotless i) as "Basic".
     */
    private static boolean schemeIs(char[] chars, int start, String lowerCaseScheme) {
        for (int i = 0; i < lowerCaseScheme.length(); i++) {
            char c = chars[start + i];
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCaseScheme.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean basic(char[] chars, int from, int to, byte[] buffer, Located out) {
        int n = decodeBase64(chars, from, to, buffer);
        out.decodedLength = Math.max(n, 0);
        if (n < 0 || !Utf8.isWellFormed(buffer, 0, n)) {
            return false;
        }
        int colon = -1;
        for (int i = 0; i < n; i++) {
            if (buffer[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return false;
        }
        if (colon + 1 < n) {
            out.set(colon + 1, n); // the password is the token
        } else {
            out.set(0, colon); // "token:" with an empty password
        }
        return true;
    }

    /**
     * Decodes standard base64 (padding optional) into {@code out}; -1 if it is not base64, with
     * whatever was decoded before the bad character wiped: the caller then records no decoded
     * length, so nothing else would clear those bytes of a credential.
     */
    static int decodeBase64(char[] s, int from, int to, byte[] out) {
        int len = to - from;
        while (len > 0 && s[from + len - 1] == '=') {
            len--;
        }
        int padding = to - from - len;
        if (padding > 2 || len % 4 == 1 || (padding > 0 && (len + padding) % 4 != 0)) {
            return -1;
        }
        if (len / 4 * 3 + 2 > out.length) {
            return -1;
        }
        int n = 0;
        int acc = 0;
        int bits = 0;
        for (int i = from; i < from + len; i++) {
            char c = s[i];
            int v = c < 128 ? BASE64[c] : -1;
            if (v < 0) {
                java.util.Arrays.fill(out, 0, n, (byte) 0);
                return -1;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >> bits);
            }
        }
        return n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** Where the token lies in the scratch buffer. Mutable, per thread. */
    static final class Located {
        int from;
        int to;

        int decodedLength; // bytes of the scratch buffer holding decoded Basic credentials

        void wipeDecoded(byte[] buffer) {
            if (decodedLength > 0) {
                java.util.Arrays.fill(buffer, 0, decodedLength, (byte) 0);
                decodedLength = 0;
            }
        }

        void set(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }
}
