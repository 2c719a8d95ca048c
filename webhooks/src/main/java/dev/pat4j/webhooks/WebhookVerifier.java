package dev.pat4j.webhooks;

import dev.pat4j.settings.SecretReference;
import dev.pat4j.webhooks.internal.Signatures;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks a webhook request on the receiving side, as the Standard Webhooks specification says:
 * the {@code webhook-timestamp} must be within the tolerance of now (five minutes by default,
 * either way) so a captured request cannot be replayed later, and one of the space-separated
 * {@code v1,…} signatures in {@code webhook-signature} (a sender rotating its secret sends two)
 * must be the HMAC-SHA256 of {@code id.timestamp.body}, compared in constant time. Verify the
 * body's bytes as received, before parsing them; then drop a {@code webhook-id} already handled.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.create(SecretReference.parse("env:PAT4J_WEBHOOK_SECRET"));
 * verifier.verify(name -> request.getHeader(name), body);   // throws WebhookVerificationException
 * }</pre>
 *
 * Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class WebhookVerifier {
    /** How far the timestamp may be from now by default, either way. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_SIGNATURES = 10;

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(byte[] key, Duration tolerance, Clock clock) {
        this.key = key;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * A verifier for the {@code whsec_…} secret at {@code secret}, read now.
     *
     * @throws dev.pat4j.settings.SettingsException if the secret cannot be read
     * @throws IllegalArgumentException if it is not {@code whsec_} and base64 of 24 to 64 bytes
     */
    public static WebhookVerifier create(SecretReference secret) {
        byte[] raw = secret.read();
        try {
            return new WebhookVerifier(Signatures.key(raw), DEFAULT_TOLERANCE, Clock.systemUTC());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** This verifier with another tolerance (positive, at most an hour). */
    public WebhookVerifier withTolerance(Duration tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("the tolerance is positive and at most an hour");
        }
        return new WebhookVerifier(key, tolerance, clock);
    }

    /** This verifier reading now from {@code clock}. */
    public WebhookVerifier withClock(Clock clock) {
        return new WebhookVerifier(key, tolerance, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies a request from its headers ({@code header} gives a header's value by its lower-case
     * name, or null) and its body as received.
     *
     * @throws WebhookVerificationException if it fails any check
     */
    public void verify(Function<String, @Nullable String> header, byte[] body) throws WebhookVerificationException {
        verify(header.apply("webhook-id"), header.apply("webhook-timestamp"), header.apply("webhook-signature"), body);
    }

    /**
     * Verifies a request from its three headers' values and its body as received.
     *
     * @throws WebhookVerificationException if a header is missing or malformed, the timestamp is
     *     outside the tolerance, or no signature matches
     */
    public void verify(@Nullable String id, @Nullable String timestamp, @Nullable String signatures, byte[] body)
            throws WebhookVerificationException {
        Objects.requireNonNull(body, "body");
        if (id == null || id.isBlank() || id.length() > 1000) {
            throw new WebhookVerificationException("webhook-id is missing");
        }
        if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
            throw new WebhookVerificationException("webhook-timestamp is missing or not whole seconds");
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Duration skew = Duration.between(sent, clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw new WebhookVerificationException("webhook-timestamp is outside the tolerance of " + tolerance);
        }
        if (signatures == null || signatures.isBlank()) {
            throw new WebhookVerificationException("webhook-signature is missing");
        }
        byte[] expected = Signatures.hmac(key, id, timestamp, body);
        String[] candidates = signatures.strip().split(" +");
        if (candidates.length > MAX_SIGNATURES) {
            throw new WebhookVerificationException("webhook-signature holds too many signatures");
        }
        boolean matched = false;
        for (String candidate : candidates) {
            if (!candidate.startsWith("v1,")) {
                continue; // another scheme (v1a, asymmetric): not ours
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            matched |= MessageDigest.isEqual(expected, given); // constant time; every candidate is compared
        }
        if (!matched) {
            throw new WebhookVerificationException("no signature in webhook-signature matches");
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[tolerance=" + tolerance + ", secret=<redacted>]";
    }
}
