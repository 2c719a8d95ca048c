package dev.pat4j.lifecycle;

/**
 * A page cursor passed to {@link TokenService#list} is not one this library issued for the same
 * query: malformed, altered, or issued for another owner, state filter, search or order. The
 * message never repeats the cursor. Immutable.
 */
public final class InvalidCursorException extends TokenException {
    public InvalidCursorException(String message) {
        super(message);
    }
}
