package dev.pat4j.internal;

/** Drops what a validator cached about a token, so its next check reads the store. */
public interface CacheInvalidator {
    void invalidate(String tokenId);

    void invalidateAll();

    /**
     * This node is about to insert {@code tokenId} (called before the insert, since the feed may
     * deliver the insert's entry before the insert returns): the change feed's echo of that
     * insert, always the id's first entry there, then passes without dropping what this node
     * cached of the token since. {@link #invalidate} follows once the insert is done (or failed).
     */
    default void insertingHere(String tokenId) {
    }

    /** The insert announced by {@link #insertingHere} found the id taken: its feed entries are another's. */
    default void insertRefused(String tokenId) {
        invalidate(tokenId);
    }

    /** The change feed names {@code tokenId}. */
    default void changedInFeed(String tokenId) {
        invalidate(tokenId);
    }
}
