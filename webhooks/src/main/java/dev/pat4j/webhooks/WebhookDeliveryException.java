package dev.pat4j.webhooks;

/**
 * A webhook was not delivered: the endpoint answered other than 2xx, or not in time. The outbox
 * records the message and tries the notice again after its backoff. The message names the
 * endpoint without its query (which may hold a credential) and never holds the response body.
 */
public final class WebhookDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when there was no answer. */
    private final int status;

    public WebhookDeliveryException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public WebhookDeliveryException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the endpoint answered, or 0 when it did not answer (a timeout, a refused connection). */
    public int status() {
        return status;
    }
}
