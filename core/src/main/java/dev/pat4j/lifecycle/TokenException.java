package dev.pat4j.lifecycle;

/**
 * Base of the typed exceptions of management calls. Messages never hold a secret.
 * Immutable.
 */
public abstract class TokenException extends RuntimeException {
    protected TokenException(String message) {
        super(message);
    }

    protected TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
