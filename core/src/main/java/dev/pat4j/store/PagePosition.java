package dev.pat4j.store;

import dev.pat4j.lifecycle.TokenSort;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A position in one of the {@link TokenSort} orders: the sort key of a token (its creation time,
 * expiry or name) and its id, for {@link TokenPaging}. A page read "after" a position holds the
 * tokens strictly after it in that order. {@code time} is set for the orders by a time and
 * {@code name} for {@link TokenSort#NAME}; the other is null. Immutable.
 */
public record PagePosition(TokenSort sort, @Nullable Instant time, @Nullable String name, String id) {

    public PagePosition {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(id, "id");
        if (sort == TokenSort.NAME ? name == null || time != null : time == null || name != null) {
            throw new IllegalArgumentException("a position in " + sort + " order needs "
                    + (sort == TokenSort.NAME ? "a name and no time" : "a time and no name"));
        }
    }

    /** The position of {@code token} in {@code sort} order. */
    public static PagePosition of(TokenSort sort, StoredToken token) {
        return switch (sort) {
            case CREATED_NEWEST, CREATED_OLDEST -> new PagePosition(sort, token.createdAt(), null, token.id());
            case EXPIRES_SOONEST -> new PagePosition(sort, token.expiresAt(), null, token.id());
            case NAME -> new PagePosition(sort, null, token.name(), token.id());
        };
    }
}
