package dev.pat4j.internal;

/**
 * Finds the token inside an {@code Authorization} header without allocating: Bearer
 * credentials are read in place, Basic credentials are base64-decoded into scratch space.
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
     * Locates the token of {@code header}; on success, {@code out} holds the characters and
     * bounds. Returns false for anything that is not a well-formed Basic or Bearer credential.
     */
    static boolean locate(String header, Located out, byte[] buffer, AsciiView view) {
        int end = header.length();
        int start = 0;
        while (start < end && isSpace(header.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(header.charAt(end - 1))) {
            end--;
        }
        int schemeEnd = start;
        while (schemeEnd < end && !isSpace(header.charAt(schemeEnd))) {
            schemeEnd++;
        }
        int credentials = schemeEnd;
        while (credentials < end && isSpace(header.charAt(credentials))) {
            credentials++;
        }
        if (credentials == schemeEnd || credentials == end) {
            return false; // scheme only
        }
        int schemeLength = schemeEnd - start;
        if (schemeLength == 6 && schemeIs(header, start, "bearer")) {
            // no separate scan for inner spaces: the codec accepts only prefix and base62 characters
            out.set(header, credentials, end);
            return true;
        }
        if (schemeLength == 5 && schemeIs(header, start, "basic")) {
            return basic(header, credentials, end, out, buffer, view);
        }
        return false;
    }

    /**
     * ASCII case-insensitive match of a scheme name (RFC 7235: schemes are ASCII tokens).
     * Not {@code regionMatches(true, ...)}: Java's Unicode case folding would accept look-alikes
     * such as "Ba\u017fic" (long s) or "Bas\u0131c" (dotless i) as "Basic".
     */
    private static boolean schemeIs(String header, int start, String lowerCaseScheme) {
        for (int i = 0; i < lowerCaseScheme.length(); i++) {
            char c = header.charAt(start + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCaseScheme.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean basic(String header, int from, int to, Located out, byte[] buffer, AsciiView view) {
        int n = decodeBase64(header, from, to, buffer);
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
            out.set(view.wrap(buffer, colon + 1, n), 0, n - colon - 1); // the password is the token
        } else {
            out.set(view.wrap(buffer, 0, colon), 0, colon); // "token:" with an empty password
        }
        return true;
    }

    /** Decodes standard base64 (padding optional) into {@code out}; -1 if it is not base64. */
    static int decodeBase64(CharSequence s, int from, int to, byte[] out) {
        int len = to - from;
        while (len > 0 && s.charAt(from + len - 1) == '=') {
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
            char c = s.charAt(i);
            int v = c < 128 ? BASE64[c] : -1;
            if (v < 0) {
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

    /** Where the token lies: characters and bounds. Mutable, per thread. */
    static final class Located {
        CharSequence chars;
        int from;
        int to;

        int decodedLength; // bytes of the scratch buffer holding decoded Basic credentials

        void wipeDecoded(byte[] buffer) {
            if (decodedLength > 0) {
                java.util.Arrays.fill(buffer, 0, decodedLength, (byte) 0);
                decodedLength = 0;
            }
        }

        void set(CharSequence chars, int from, int to) {
            this.chars = chars;
            this.from = from;
            this.to = to;
        }
    }
}
