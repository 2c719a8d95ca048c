package dev.pat4j.internal;

/** Drops what a validator cached about a token, so its next check reads the store. */
public interface CacheInvalidator {
    void invalidate(String tokenId);

    void invalidateAll();
}
