package dev.pat4j.store;

import dev.pat4j.lifecycle.TokenException;

/**
 * {@link TokenStore#insert} was given an id the store already holds.
 * Immutable.
 */
public final class DuplicateTokenIdException extends TokenException {
    public DuplicateTokenIdException(String tokenId) {
        super("a token with id " + tokenId + " already exists");
    }
}
