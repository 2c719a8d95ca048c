package dev.pat4j.validation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A deliberately plain, allocation-happy model of what the validator accepts, written from the
 * design (RFC 7235 / 7617 / 6750), against which the optimized decoder is compared: leading and
 * trailing SP/HTAB ignored; an ASCII scheme compared case-insensitively; {@code Bearer} takes
 * the credentials verbatim (no inner SP/HTAB); {@code Basic} takes {@code java.util.Base64}'s
 * decoding, which must be strict UTF-8, split at the first colon: the password is the token,
 * or the user when the password is empty. Headers over 8 KiB are refused.
 */
final class ReferenceCredentials {
    static final int MAX_HEADER_LENGTH = 8192;

    private ReferenceCredentials() {
    }

    /** The candidate token the header carries, if it is a well-formed Basic or Bearer credential. */
    static Optional<String> credential(String header) {
        if (header == null || header.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        String h = stripSpaces(header);
        int sep = indexOfSpace(h);
        if (sep < 0) {
            return Optional.empty();
        }
        String scheme = h.substring(0, sep);
        String rest = stripSpaces(h.substring(sep));
        if (rest.isEmpty() || !isAscii(scheme)) {
            return Optional.empty();
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (lower.equals("bearer")) {
            return indexOfSpace(rest) >= 0 ? Optional.empty() : Optional.of(rest);
        }
        if (lower.equals("basic")) {
            return basic(rest);
        }
        return Optional.empty();
    }

    private static Optional<String> basic(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = text.substring(0, colon);
        String password = text.substring(colon + 1);
        return Optional.of(password.isEmpty() ? user : password);
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isSpace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String stripSpaces(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }
}
