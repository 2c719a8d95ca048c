package dev.pat4j.store;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.internal.PageOrder;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The optional store capability behind {@link dev.pat4j.lifecycle.TokenService#list}: one page
 * of an owner's tokens, filtered and in order, read by keyset (after a position, not at an
 * offset) so a page costs what the page costs, not the owner's whole history. A store without
 * it still serves {@code list}, by a full read of the owner's tokens per page. A store that
 * offers it runs the paging part of {@code TokenStoreContract}. Implementations are thread-safe.
 */
public interface TokenPaging {

    /**
     * Up to {@code limit} tokens of {@code owner}, in {@code sort} order ({@link #order}),
     * strictly after {@code after} (null: from the start), that {@link #matches} the filter.
     *
     * @param states the states wanted at {@code now}; empty: every state
     * @param now the instant at which states are evaluated
     * @param search text the name contains ignoring case, as {@link #matches} defines it; null: none
     */
    List<StoredToken> findPage(String owner, Set<TokenState> states, Instant now, @Nullable String search,
                               TokenSort sort, @Nullable PagePosition after, int limit);

    /**
     * The order {@code sort} names, as a comparator of stored tokens: the sort key (creation
     * time descending for {@link TokenSort#CREATED_NEWEST}, ascending for
     * {@link TokenSort#CREATED_OLDEST}, expiry ascending, or the name compared by
     * {@link String#compareTo}), then the id in the same direction.
     */
    static Comparator<StoredToken> order(TokenSort sort) {
        return PageOrder.of(sort);
    }

    /**
     * Whether {@code token} passes the filter at {@code now}: its state (active: not revoked and
     * expiring after now; expired: not revoked, expiring at or before now; revoked) is in
     * {@code states} or {@code states} is empty, and, when {@code search} is not null, its name
     * lower-cased contains {@code search} lower-cased (both by {@link java.util.Locale#ROOT}).
     * A SQL store may lower-case with the database's {@code LOWER}, which agrees for ASCII.
     */
    static boolean matches(StoredToken token, Set<TokenState> states, Instant now, @Nullable String search) {
        return PageOrder.matches(token, states, now, search);
    }
}
