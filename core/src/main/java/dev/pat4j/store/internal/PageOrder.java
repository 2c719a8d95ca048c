package dev.pat4j.store.internal;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.StoredToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The orders, filter and keyset step of token paging, in memory: the reference that the
 * in-memory store and the fallback for stores without paging use, and that SQL stores mirror.
 * Stateless.
 */
public final class PageOrder {
    private static final Comparator<StoredToken> CREATED_OLDEST = Comparator.comparing(StoredToken::createdAt)
            .thenComparing(StoredToken::id);
    private static final Comparator<StoredToken> EXPIRES_SOONEST = Comparator.comparing(StoredToken::expiresAt)
            .thenComparing(StoredToken::id);
    private static final Comparator<StoredToken> NAME = Comparator.comparing(StoredToken::name)
            .thenComparing(StoredToken::id);

    private PageOrder() {
    }

    public static Comparator<StoredToken> of(TokenSort sort) {
        return switch (sort) {
            case CREATED_NEWEST -> CREATED_OLDEST.reversed();
            case CREATED_OLDEST -> CREATED_OLDEST;
            case EXPIRES_SOONEST -> EXPIRES_SOONEST;
            case NAME -> NAME;
        };
    }

    public static boolean matches(StoredToken token, Set<TokenState> states, Instant now, String search) {
        if (!states.isEmpty() && !states.contains(state(token, now))) {
            return false;
        }
        return search == null
                || token.name().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code token} comes strictly after {@code position} in the position's order. */
    public static boolean isAfter(StoredToken token, PagePosition position) {
        int byKey = switch (position.sort()) {
            case CREATED_NEWEST -> position.time().compareTo(token.createdAt());
            case CREATED_OLDEST -> token.createdAt().compareTo(position.time());
            case EXPIRES_SOONEST -> token.expiresAt().compareTo(position.time());
            case NAME -> token.name().compareTo(position.name());
        };
        if (byKey != 0) {
            return byKey > 0;
        }
        int byId = token.id().compareTo(position.id());
        return position.sort() == TokenSort.CREATED_NEWEST ? byId < 0 : byId > 0;
    }

    /**
     * The page of {@code tokens} (any order, one owner's) that passes the filter and follows
     * {@code after}: a sort of the candidates, so it costs what they cost.
     */
    public static List<StoredToken> page(Collection<StoredToken> tokens, Set<TokenState> states, Instant now,
                                         String search, TokenSort sort, PagePosition after, int limit) {
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("a position in " + after.sort() + " order cannot start a page in "
                    + sort + " order");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        List<StoredToken> candidates = new ArrayList<>();
        for (StoredToken t : tokens) {
            if ((after == null || isAfter(t, after)) && matches(t, states, now, search)) {
                candidates.add(t);
            }
        }
        candidates.sort(of(sort));
        return List.copyOf(candidates.subList(0, Math.min(limit, candidates.size())));
    }

    private static TokenState state(StoredToken t, Instant now) {
        if (t.revoked()) {
            return TokenState.REVOKED;
        }
        return now.isBefore(t.expiresAt()) ? TokenState.ACTIVE : TokenState.EXPIRED;
    }
}
