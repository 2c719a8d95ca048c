package dev.pat4j.store;

/**
 * One entry of a store's change feed: token {@code tokenId} changed, at position {@code sequence}.
 * Immutable.
 */
public record TokenChange(long sequence, String tokenId) {
}
