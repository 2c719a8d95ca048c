package dev.pat4j.store;

import java.util.Collection;

/**
 * An optional capability of a {@link TokenStore} (see "How the SPI grows" there): puts tokens on
 * the change feed without changing them, so that every node's validator drops them from its
 * cache and reads them again. {@link dev.pat4j.lifecycle.TokenService#ownerChanged(String)}
 * uses it when the application changed an owner's rights, which live outside the store. A store
 * without it still gets the effect: pat4j then {@link TokenStore#update updates} each token to
 * its next version unchanged, which appends to the feed too, at one read and one write per token
 * and a version each.
 *
 * <p>Implementations are thread-safe, append in one atomic step, and number the new changes like
 * any other (in order, without gaps); {@code TokenStoreContract} in {@code pat4j-testkit} checks
 * them.
 */
public interface ChangeAnnouncer {

    /**
     * Appends one change per id, in the given order, in one atomic step; changes no token and no
     * version. An id the store does not hold is announced all the same (followers drop nothing
     * for it); an empty collection appends nothing.
     */
    void announceChanges(Collection<String> tokenIds);
}
