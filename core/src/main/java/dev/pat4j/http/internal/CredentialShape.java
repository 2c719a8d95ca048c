package dev.pat4j.http.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a foreign credential (another mechanism's) from one that is, or claims to be, a pat4j
 * token. Foreign means: a well-formed {@code Basic} credential (base64 of UTF-8 {@code user:password},
 * at most 8 KiB) whose user and password both lack the token prefix, or a {@code Bearer} token68
 * value without it; the prefix is compared ignoring case, so {@code PAT_…} is still ours.
 * Everything else is pat4j's to judge, so it is refused if it is not a valid token: passing on
 * what merely looks broken would let a typo'd token reach a weaker mechanism. Only consulted
 * under the pass-on policy, so the strict hot path never decodes twice. Stateless; thread-safe.
 */
public final class CredentialShape {
    private static final int MAX_HEADER_LENGTH = 8192;
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private CredentialShape() {
    }

    /** Whether {@code header} is a credential of another mechanism for tokens with {@code prefix}. */
    public static boolean isForeign(String header, String prefix) {
        if (header == null || header.length() > MAX_HEADER_LENGTH) {
            return false;
        }
        String value = header.strip();
        int space = indexOfSpace(value);
        if (space < 0) {
            return false;
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space).strip();
        if (credentials.isEmpty() || indexOfSpace(credentials) >= 0 || !TOKEN68.matcher(credentials).matches()) {
            return false;
        }
        String marker = prefix.toLowerCase(Locale.ROOT) + "_";
        if (scheme.equalsIgnoreCase("Bearer")) {
            return !startsWithIgnoreCase(credentials, marker);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return isForeignBasic(credentials, marker);
        }
        return false;
    }

    /**
     * Whether {@code header} is pat4j's to judge where other mechanisms may judge what is not:
     * a {@code Basic} or {@code Bearer} credential that is not {@linkplain #isForeign foreign},
     * or a value of any other scheme (or of none) that holds the token prefix, such as
     * {@code token pat_…}. A well-formed credential of another scheme without the prefix
     * ({@code Digest …}, {@code Negotiate …}) is not pat4j's.
     */
    public static boolean isClaimed(String header, String prefix) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        int space = indexOfSpace(value);
        String scheme = space < 0 ? value : value.substring(0, space);
        if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("Basic")) {
            return !isForeign(header, prefix);
        }
        String marker = prefix.toLowerCase(Locale.ROOT) + "_";
        return value.toLowerCase(Locale.ROOT).contains(marker);
    }

    private static boolean isForeignBasic(String encoded, String marker) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded));
            String pair = text.toString();
            Arrays.fill(text.array(), '\0');
            int colon = pair.indexOf(':');
            return colon >= 0 && !startsWithIgnoreCase(pair, marker)
                    && !startsWithIgnoreCase(pair.substring(colon + 1), marker);
        } catch (CharacterCodingException notUtf8) {
            return false;
        } finally {
            Arrays.fill(decoded, (byte) 0); // another mechanism's password: keep it no longer than needed
        }
    }

    private static boolean startsWithIgnoreCase(String text, String lowerCasePrefix) {
        return text.regionMatches(true, 0, lowerCasePrefix, 0, lowerCasePrefix.length());
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
