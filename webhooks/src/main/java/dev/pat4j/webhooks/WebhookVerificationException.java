package dev.pat4j.webhooks;

/**
 * A webhook request failed {@link WebhookVerifier#verify}: a header is missing or malformed, the
 * timestamp is outside the tolerance, or no signature matches. A receiver answers it with 400
 * or 401 and does nothing else. The message says which check failed, never a secret or a signature.
 */
public final class WebhookVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }
}
