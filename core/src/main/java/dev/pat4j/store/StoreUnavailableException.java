package dev.pat4j.store;

import dev.pat4j.lifecycle.TokenException;

/**
 * The store could not be reached or failed; the operation did not happen (fail closed).
 * Immutable.
 */
public final class StoreUnavailableException extends TokenException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
