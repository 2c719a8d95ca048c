package dev.pat4j.store.jdbc.internal;

import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL of the {@code pat4j_notice} table (schema version 7) and the mapping between its rows
 * and {@link OutboxEntry}. Every method runs inside the caller's transaction.
 *
 * <p>A claim is two steps in one transaction: select the due rows {@code FOR UPDATE SKIP LOCKED},
 * so that two nodes claiming at once never wait for each other and never select a row the other
 * has locked, then set the lease on each with an update that checks again that the row is
 * claimable. The second check is what makes a claim exclusive whatever the isolation level: a
 * node whose select read a row just before another node's claim committed finds, by its update,
 * that the row is leased now, and leaves it.
 */
public final class NoticeRows {
    private static final String COLUMNS = "notice_key, kind, token_id, threshold_ms, actor, detail, raised_at, state,"
            + " attempts, next_attempt_at, lease_owner, lease_until, delivered_to, delivered_at, last_error";
    private static final String INSERT = "INSERT INTO pat4j_notice (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, NULL, '', NULL, NULL)";
    private static final String CLAIMABLE = "state IN ('pending', 'failed') AND next_attempt_at <= ?"
            + " AND (lease_until IS NULL OR lease_until <= ?)";
    private static final String SELECT_DUE = "SELECT notice_key FROM pat4j_notice WHERE " + CLAIMABLE
            + " ORDER BY next_attempt_at, notice_key LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String LEASE = "UPDATE pat4j_notice SET lease_owner = ?, lease_until = ?,"
            + " attempts = attempts + 1 WHERE notice_key = ? AND " + CLAIMABLE;
    private static final String DELIVERED = "UPDATE pat4j_notice SET state = 'delivered', delivered_to = ?,"
            + " delivered_at = ?, lease_owner = NULL, lease_until = NULL WHERE notice_key = ? AND state <> 'delivered'";
    private static final String FAILED = "UPDATE pat4j_notice SET state = 'failed', delivered_to = ?,"
            + " next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL"
            + " WHERE notice_key = ? AND lease_owner = ? AND state <> 'delivered'";
    private static final String LIST = "SELECT " + COLUMNS + " FROM pat4j_notice WHERE state = ?"
            + " ORDER BY raised_at DESC, notice_key LIMIT ?";
    private static final Comparator<OutboxEntry> DUE_ORDER = Comparator.comparing(OutboxEntry::nextAttemptAt)
            .thenComparing(e -> e.notice().key());

    private NoticeRows() {
    }

    /**
     * Inserts the notice as pending unless its key is taken. PostgreSQL skips a taken key with
     * {@code ON CONFLICT DO NOTHING} (a unique violation there would abort the caller's whole
     * transaction, the token's insert or update included); H2 reports it as a violation of the
     * primary key, which rolls back that statement only.
     *
     * @return true if the notice was added
     */
    public static boolean enqueue(Connection c, boolean postgres, OutboxNotice n) throws SQLException {
        String sql = postgres ? INSERT + " ON CONFLICT (notice_key) DO NOTHING" : INSERT;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, n.key());
            ps.setString(i++, n.kind().name());
            ps.setString(i++, n.tokenId());
            if (n.threshold() == null) {
                ps.setNull(i++, Types.BIGINT);
            } else {
                ps.setLong(i++, n.threshold().toMillis());
            }
            ps.setString(i++, n.actor());
            ps.setString(i++, n.detail());
            TokenRows.setInstant(ps, i++, n.raisedAt());
            TokenRows.setInstant(ps, i, n.raisedAt());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (!postgres && Transactions.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Leases up to {@code limit} claimable notices to {@code owner} until {@code until}; the leased ones, soonest first. */
    public static List<OutboxEntry> claimDue(Connection c, Instant now, String owner, Instant until, int limit)
            throws SQLException {
        List<String> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_DUE)) {
            TokenRows.setInstant(ps, 1, now);
            TokenRows.setInstant(ps, 2, now);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        List<String> leased = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LEASE)) {
            for (String key : due) {
                ps.setString(1, owner);
                TokenRows.setInstant(ps, 2, until);
                ps.setString(3, key);
                TokenRows.setInstant(ps, 4, now);
                TokenRows.setInstant(ps, 5, now);
                if (ps.executeUpdate() == 1) {
                    leased.add(key);
                }
            }
        }
        List<OutboxEntry> claimed = read(c, leased);
        claimed.sort(DUE_ORDER);
        return claimed;
    }

    public static boolean markDelivered(Connection c, String key, Set<String> senders, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELIVERED)) {
            ps.setString(1, OutboxEntry.joinSenders(senders));
            TokenRows.setInstant(ps, 2, at);
            ps.setString(3, key);
            return ps.executeUpdate() == 1;
        }
    }

    public static boolean markFailed(Connection c, String key, String owner, Set<String> senders, Instant next,
                                     String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FAILED)) {
            ps.setString(1, OutboxEntry.joinSenders(senders));
            TokenRows.setInstant(ps, 2, next);
            ps.setString(3, error.length() <= OutboxEntry.MAX_ERROR_LENGTH ? error
                    : error.substring(0, OutboxEntry.MAX_ERROR_LENGTH));
            ps.setString(4, key);
            ps.setString(5, owner);
            return ps.executeUpdate() == 1;
        }
    }

    public static List<OutboxEntry> list(Connection c, NoticeState state, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, state.name().toLowerCase(Locale.ROOT));
            ps.setInt(2, limit);
            return rows(ps);
        }
    }

    /** How many notices are in {@code state}. */
    public static long count(Connection c, NoticeState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pat4j_notice WHERE state = ?")) {
            ps.setString(1, state.name().toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The rows of {@code keys}, in no order. */
    private static List<OutboxEntry> read(Connection c, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return new ArrayList<>();
        }
        String marks = String.join(", ", Collections.nCopies(keys.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pat4j_notice WHERE notice_key IN ("
                + marks + ")")) {
            for (int i = 0; i < keys.size(); i++) {
                ps.setString(i + 1, keys.get(i));
            }
            return rows(ps);
        }
    }

    private static List<OutboxEntry> rows(PreparedStatement ps) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        long threshold = rs.getLong("threshold_ms");
        Duration t = rs.wasNull() ? null : Duration.ofMillis(threshold);
        OutboxNotice notice = new OutboxNotice(rs.getString("notice_key"), new NoticeKind(rs.getString("kind")),
                rs.getString("token_id"), t, rs.getString("actor"), rs.getString("detail"),
                TokenRows.getInstant(rs, "raised_at"));
        return new OutboxEntry(notice, NoticeState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getInt("attempts"), TokenRows.getInstant(rs, "next_attempt_at"), rs.getString("lease_owner"),
                TokenRows.getInstant(rs, "lease_until"), OutboxEntry.splitSenders(rs.getString("delivered_to")),
                TokenRows.getInstant(rs, "delivered_at"), rs.getString("last_error"));
    }
}
