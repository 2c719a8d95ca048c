package dev.pat4j.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: HMAC-SHA256 with the secret's key over {@code id.timestamp.body},
 * written {@code v1,<base64>}. The key is the base64 after {@code whsec_}. Stateless.
 */
public final class Signatures {
    public static final String PREFIX = "whsec_";

    private Signatures() {
    }

    /**
     * The key of a {@code whsec_…} secret.
     *
     * @throws IllegalArgumentException if it is not {@code whsec_} and base64 of 24 to 64 bytes;
     *     the message never repeats it
     */
    public static byte[] key(byte[] secret) {
        String text = new String(secret, StandardCharsets.US_ASCII);
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("a webhook secret's key is 24 to 64 bytes (whsec_ and base64 of"
                    + " 32 random bytes, say)");
        }
        return key;
    }

    /** The raw HMAC of {@code id.timestamp.body}. */
    public static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** The {@code webhook-signature} value: {@code v1,<base64 of the HMAC>}. */
    public static String header(byte[] key, String id, String timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body));
    }
}
