package dev.pat4j.event;

/**
 * Receives {@link TokenEvent}s, synchronously, after the change is stored. A listener that
 * throws is logged and skipped; it never undoes or fails the operation that fired it.
 * Implementations must be thread-safe: events arrive on the threads that make the changes.
 */
@FunctionalInterface
public interface TokenEventListener {
    void onEvent(TokenEvent event);
}
