package dev.pat4j.lifecycle;

/**
 * The actor may not perform the call: a user acting on another user's token, or a user doing an administrator's work.
 * Immutable.
 */
public final class NotPermittedException extends TokenException {
    public NotPermittedException(String message) {
        super(message);
    }
}
