package dev.pat4j.mail.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code Message-ID} of a notice's mail, from its idempotency key alone, so every attempt on
 * every node gives the same one and a receiving system (or a person) can drop a repeat. A key of
 * token-id, kind and threshold characters stays readable ({@code :} becomes {@code .}); any other
 * key is hashed. Stateless.
 */
public final class MessageIds {
    private static final Pattern READABLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*(:[A-Za-z0-9][A-Za-z0-9-]*)*");

    private MessageIds() {
    }

    /** {@code <pat4j.KEY@domain>}: a dot-atom on the left, as RFC 5322 asks. */
    public static String of(String key, String domain) {
        String left = READABLE.matcher(key).matches() && key.length() <= 180 ? key.replace(':', '.')
                : "h." + sha256(key);
        return "<pat4j." + left + "@" + domain + ">";
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
