package dev.pat4j.lifecycle;

/**
 * An update lost its optimistic-version race too many times in a row; nothing was written.
 * Immutable.
 */
public final class ConcurrentUpdateException extends TokenException {
    public ConcurrentUpdateException(String tokenId) {
        super("token " + tokenId + " kept changing concurrently; update not applied");
    }
}
