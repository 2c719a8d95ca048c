package dev.pat4j.lifecycle;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query for one page of an owner's tokens, for {@link TokenService#list}: the owner (required),
 * the states wanted (empty: every state), a search text matched case-insensitively anywhere in
 * the token's name ({@code null}: no search), the order, the cursor of the page to read
 * ({@code null}: the first page) and the page size. Start from {@link #of(String)} and change one
 * part at a time with the {@code with…} methods. Each part is validated when the query is made;
 * a cursor's validity is checked by {@code list}, against the rest of the query. Immutable.
 *
 * <p>States are those of {@link TokenState}, evaluated when each page is read, by the service's
 * clock: active is not revoked and expiring after now, expired is not revoked and expiring at or
 * before now, revoked is revoked whatever its expiry.
 *
 * @param owner the tokens' owner: 1 to 256 characters, no control characters, no surrounding white space
 * @param states the states to list; empty lists every state
 * @param search text the name must contain, ignoring case; at most {@value #MAX_SEARCH} characters,
 *     no control or bidirectional-override characters; the empty text means no search (null)
 * @param sort the order of the results
 * @param cursor the {@link TokenPage#nextCursor()} of the previous page of this same query, or null
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 */
public record TokenQuery(String owner, Set<TokenState> states, @Nullable String search, TokenSort sort,
                         @Nullable String cursor, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 100;
    /** The page size of {@link #of(String)}. */
    public static final int DEFAULT_LIMIT = 20;
    /** The longest search text: that of the longest name. */
    public static final int MAX_SEARCH = Names.MAX_NAME;

    public TokenQuery {
        Names.requireText("owner", owner, Names.MAX_NAME);
        Objects.requireNonNull(states, "states");
        if (states.stream().anyMatch(Objects::isNull)) { // not contains(null): immutable sets throw for that
            throw new IllegalArgumentException("states must not contain null");
        }
        states = Set.copyOf(states);
        if (search != null && search.isEmpty()) {
            search = null;
        }
        if (search != null) {
            Names.requireSearchText("search", search, MAX_SEARCH);
        }
        Objects.requireNonNull(sort, "sort");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first page of every token of {@code owner}, newest first, {@value #DEFAULT_LIMIT} per page. */
    public static TokenQuery of(String owner) {
        return new TokenQuery(owner, Set.of(), null, TokenSort.CREATED_NEWEST, null, DEFAULT_LIMIT);
    }

    /** This query for tokens in one of {@code newStates} (empty: every state). */
    public TokenQuery withStates(Set<TokenState> newStates) {
        return new TokenQuery(owner, newStates, search, sort, cursor, limit);
    }

    /** This query for names containing {@code newSearch}, ignoring case (null or empty: no search). */
    public TokenQuery withSearch(@Nullable String newSearch) {
        return new TokenQuery(owner, states, newSearch, sort, cursor, limit);
    }

    /** This query in another order. */
    public TokenQuery withSort(TokenSort newSort) {
        return new TokenQuery(owner, states, search, newSort, cursor, limit);
    }

    /** This query from the page {@code newCursor} points to (null: the first page). */
    public TokenQuery withCursor(@Nullable String newCursor) {
        return new TokenQuery(owner, states, search, sort, newCursor, limit);
    }

    /** This query with pages of {@code newLimit} tokens (1 to {@value #MAX_LIMIT}). */
    public TokenQuery withLimit(int newLimit) {
        return new TokenQuery(owner, states, search, sort, cursor, newLimit);
    }

    /** Whether {@code state} passes the state filter. */
    public boolean wants(TokenState state) {
        return states.isEmpty() || states.contains(state);
    }
}
