package dev.pat4j.store.jdbc.internal;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.StoredToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The keyset query of {@code TokenPaging.findPage} on {@code pat4j_token}: the owner's rows in
 * one {@link TokenSort} order strictly after a position, filtered by state and name, up to a
 * limit, served by one of schema version 6's indexes. The position is a row comparison,
 * {@code (key, id) > (?, ?)} (or {@code <} for newest first), which both databases turn into
 * an index range; ORDER BY names the index's columns, owner first (H2 skips the sort only
 * when the ORDER BY starts with the index's first column), all in one direction, so the index
 * is read forwards or backwards without a sort. Stateless.
 */
public final class TokenPages {
    private static final String ESCAPE = "\\";

    private TokenPages() {
    }

    /** The SQL of one page; public for the tests that check its plan. */
    public static String sql(boolean postgres, TokenSort sort, Set<TokenState> states, boolean search,
                             boolean after) {
        String key = key(sort, postgres);
        String direction = sort == TokenSort.CREATED_NEWEST ? "DESC" : "ASC";
        StringBuilder sql = new StringBuilder(TokenRows.SELECT).append(" WHERE owner = ?");
        String stateCondition = stateCondition(states);
        if (!stateCondition.isEmpty() && postgres) {
            sql.append(" AND (").append(stateCondition).append(')');
        } else if (!stateCondition.isEmpty()) {
            // For H2 a CASE, which is no index condition: H2 would read the expiry index for the
            // range of expires_at and sort, where the order's index serves the page and filters.
            // PostgreSQL weighs both plans by its statistics, which a CASE would blind.
            sql.append(" AND CASE WHEN ").append(stateCondition).append(" THEN 1 ELSE 0 END = 1");
        }
        if (search) {
            // LOWER on both sides: the database folds case one way for the name and the text.
            sql.append(" AND LOWER(name) LIKE LOWER(?) ESCAPE '").append(ESCAPE).append('\'');
        }
        if (after) {
            sql.append(" AND (").append(key).append(", id) ").append(sort == TokenSort.CREATED_NEWEST ? "<" : ">")
                    .append(" (?, ?)");
        }
        sql.append(" ORDER BY owner ").append(direction).append(", ").append(key).append(' ').append(direction)
                .append(", id ").append(direction).append(" LIMIT ?");
        return sql.toString();
    }

    public static List<StoredToken> find(Connection c, boolean postgres, String owner, Set<TokenState> states,
                                         Instant now, String search, TokenSort sort, PagePosition after, int limit)
            throws SQLException {
        String sql = sql(postgres, sort, states, search != null, after != null);
        return TokenRows.query(c, sql, ps -> bind(ps, owner, states, now, search, sort, after, limit));
    }

    /** Binds the parameters of {@link #sql} in its order; public for the tests that check its plan. */
    public static void bind(PreparedStatement ps, String owner, Set<TokenState> states, Instant now, String search,
                            TokenSort sort, PagePosition after, int limit) throws SQLException {
        int i = 1;
        ps.setString(i++, owner);
        i = bindStates(ps, i, states, now);
        if (search != null) {
            ps.setString(i++, "%" + escapeLike(search) + "%");
        }
        if (after != null) {
            if (sort == TokenSort.NAME) {
                ps.setString(i++, after.name());
            } else {
                TokenRows.setInstant(ps, i++, after.time());
            }
            ps.setString(i++, after.id());
        }
        ps.setInt(i, limit);
    }

    private static String key(TokenSort sort, boolean postgres) {
        return switch (sort) {
            case CREATED_NEWEST, CREATED_OLDEST -> "created_at";
            case EXPIRES_SOONEST -> "expires_at";
            // PostgreSQL would otherwise compare by the database locale; H2 compares by String.compareTo.
            case NAME -> postgres ? "name COLLATE \"C\"" : "name";
        };
    }

    /** Empty when every state is wanted: then no condition at all. */
    private static String stateCondition(Set<TokenState> states) {
        Set<TokenState> wanted = wanted(states);
        if (wanted.size() == TokenState.values().length) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (TokenState s : wanted) {
            parts.add(switch (s) {
                case ACTIVE -> "(revoked_at IS NULL AND expires_at > ?)";
                case EXPIRED -> "(revoked_at IS NULL AND expires_at <= ?)";
                case REVOKED -> "revoked_at IS NOT NULL";
            });
        }
        return String.join(" OR ", parts);
    }

    private static int bindStates(PreparedStatement ps, int from, Set<TokenState> states, Instant now)
            throws SQLException {
        Set<TokenState> wanted = wanted(states);
        int i = from;
        if (wanted.size() == TokenState.values().length) {
            return i;
        }
        for (TokenState s : wanted) { // the order stateCondition wrote them in
            if (s != TokenState.REVOKED) {
                TokenRows.setInstant(ps, i++, now);
            }
        }
        return i;
    }

    private static Set<TokenState> wanted(Set<TokenState> states) {
        return states.isEmpty() ? EnumSet.allOf(TokenState.class) : EnumSet.copyOf(states);
    }

    /** The search text as LIKE's literal: its own wildcards and the escape character escaped. */
    static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}
