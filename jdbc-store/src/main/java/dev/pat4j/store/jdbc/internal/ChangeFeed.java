package dev.pat4j.store.jdbc.internal;

import dev.pat4j.store.TokenChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The change feed: {@code pat4j_token_change} rows numbered by the one-row
 * {@code pat4j_change_counter} table.
 *
 * <p>Why a counter row and not a database sequence: a sequence hands out numbers when
 * transactions ask, not when they commit. Transaction A could take 5, B take 6 and commit
 * first; a follower that reads up to 6 moves its cursor past 5 and never sees A's change,
 * so a revocation would be missed on that node until its cache entry expired. Here the writer
 * increments the counter row inside its own transaction, which holds that row's lock until
 * commit or rollback; the next writer waits for the lock and reads the committed value. The
 * numbers are therefore handed out in commit order and without gaps (a rollback returns its
 * number), and once a follower sees change n, every change below n is already visible. The
 * price is that appends serialise on one row, but only for the few statements between the
 * increment and the commit, and only for changes that matter to validation (revoke, extend,
 * scope change, re-hash, an owner's changed rights, a new token), which are rare next to reads.
 */
public final class ChangeFeed {
    /** The PostgreSQL channel on which commits that appended a change notify followers. */
    public static final String CHANNEL = "pat4j_token_change";

    private static final String INCREMENT = "UPDATE pat4j_change_counter SET seq = seq + 1 WHERE id = 1";
    private static final String HEAD = "SELECT seq FROM pat4j_change_counter WHERE id = 1";
    private static final String APPEND = "INSERT INTO pat4j_token_change (seq, token_id, changed_at) VALUES (?, ?, ?)";
    private static final String SINCE =
            "SELECT seq, token_id FROM pat4j_token_change WHERE seq > ? ORDER BY seq LIMIT ?";
    private static final String NO_COUNTER = "the change counter row is missing: pat4j's schema is incomplete";
    private static final String PRUNE = "DELETE FROM pat4j_token_change WHERE changed_at < ?";

    private ChangeFeed() {
    }

    /**
     * Appends a change for {@code tokenId} within the caller's transaction; with
     * {@code notify}, PostgreSQL tells listeners when (and only if) that transaction commits.
     */
    public static long append(Connection c, String tokenId, Instant at, boolean notify) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (s.executeUpdate(INCREMENT) != 1) {
                throw new SQLException(NO_COUNTER, "55000");
            }
        }
        long seq = head(c);
        try (PreparedStatement ps = c.prepareStatement(APPEND)) {
            ps.setLong(1, seq);
            ps.setString(2, tokenId);
            TokenRows.setInstant(ps, 3, at);
            ps.executeUpdate();
        }
        if (notify) {
            try (Statement s = c.createStatement()) {
                s.execute("NOTIFY " + CHANNEL);
            }
        }
        return seq;
    }

    /** The sequence of the newest committed change, 0 if none. */
    public static long head(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(HEAD)) {
            if (!rs.next()) {
                throw new SQLException(NO_COUNTER, "55000");
            }
            return rs.getLong(1);
        }
    }

    public static List<TokenChange> since(Connection c, long after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SINCE)) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<TokenChange> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TokenChange(rs.getLong(1), rs.getString(2)));
                }
                return out;
            }
        }
    }

    /** Deletes changes recorded before {@code cutoff}; the counter, hence the head, is kept. */
    public static int prune(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PRUNE)) {
            TokenRows.setInstant(ps, 1, cutoff);
            return ps.executeUpdate();
        }
    }
}
