package dev.pat4j.store;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * An optional capability of a {@link TokenStore} (see "How the SPI grows" there): the ids of the
 * tokens that are neither revoked nor expired, read in one pass. The validator builds its filter
 * of live ids from them, so that checks of ids the store has never issued (forged ones) are
 * answered without a store call; a store without this capability gets no filter, and every
 * unknown id is looked up as before.
 *
 * <p>Implementations are thread-safe. A pass need not be a snapshot: a token created or revoked
 * while it runs may be listed or not (pat4j learns of those through the change feed), but every
 * token live for the whole pass is listed exactly once. {@code TokenStoreContract} in
 * {@code pat4j-testkit} checks them.
 */
public interface LiveTokenIds {

    /** How many tokens are neither revoked nor expired at {@code now}: sizes the filter. */
    long countLive(Instant now);

    /**
     * Calls {@code action} once with the id of every token neither revoked nor expired at
     * {@code now}, in no particular order; returns when all were passed.
     *
     * @throws StoreUnavailableException if the store cannot answer (some ids may have been passed)
     */
    void forEachLiveId(Instant now, Consumer<String> action);
}
