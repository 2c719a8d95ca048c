package dev.pat4j.lifecycle;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link TokenService#list} query: at most the query's limit of tokens, in its
 * order, and the opaque cursor of the next page ({@code null} on the last page). Pass the
 * cursor back with {@link TokenQuery#withCursor} on the same query. Immutable.
 */
public record TokenPage(List<TokenInfo> tokens, @Nullable String nextCursor) {

    public TokenPage {
        tokens = List.copyOf(tokens);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
