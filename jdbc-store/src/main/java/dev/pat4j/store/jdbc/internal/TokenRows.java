package dev.pat4j.store.jdbc.internal;

import dev.pat4j.store.StoredToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The SQL of the {@code pat4j_token} table and the mapping between its rows and
 * {@link StoredToken}. Portable between H2 and PostgreSQL: instants travel as
 * {@link OffsetDateTime} in UTC (JDBC 4.2), so they round-trip exactly at microsecond precision.
 */
public final class TokenRows {
    private static final String COLUMNS = "id, owner, name, organization, scopes, created_at, created_by, created_via,"
            + " expires_at, revoked_at, revoked_by, last_used_at, salt, hash, hash_algorithm, expiry_notified, version";
    static final String SELECT = "SELECT " + COLUMNS + " FROM pat4j_token";
    private static final String INSERT = "INSERT INTO pat4j_token (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TIMESTAMP = "CAST(? AS TIMESTAMP WITH TIME ZONE)";

    /**
     * An owner's tokens, newest first (public for the test that schema version 2's index
     * serves it without a sort). "owner" leads the ORDER BY although the WHERE fixes it: the
     * result is the same, but H2 skips the sort only when the ORDER BY starts with the index's
     * first column, and that index is (owner, created_at DESC, id). PostgreSQL needs no help.
     */
    public static final String FIND_BY_OWNER = SELECT + " WHERE owner = ? ORDER BY owner, created_at DESC, id";

    /*
     * Bookkeeping columns follow their own rules, because they change without a version bump:
     * last_used_at never moves backwards, and the expiry-notice flag belongs to an expiry: it
     * keeps its stored value (which a racing claim may have set since `next` was read) unless
     * this update moves the expiry, when it takes next's value (false: re-armed). In SET, column
     * names denote the row as it was before this update.
     */
    private static final String UPDATE = "UPDATE pat4j_token SET owner = ?, name = ?, organization = ?, scopes = ?,"
            + " created_at = ?, created_by = ?, created_via = ?, expires_at = ?, revoked_at = ?, revoked_by = ?,"
            + " last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < " + TIMESTAMP
            + " THEN " + TIMESTAMP + " ELSE last_used_at END,"
            + " salt = ?, hash = ?, hash_algorithm = ?,"
            + " expiry_notified = CASE WHEN expires_at = " + TIMESTAMP + " THEN expiry_notified ELSE ? END,"
            + " version = ? WHERE id = ? AND version = ?";
    private static final String CLAIM_NOTICE =
            "UPDATE pat4j_token SET expiry_notified = TRUE WHERE id = ? AND expiry_notified = FALSE"
            + " AND expires_at = " + TIMESTAMP;
    private static final String RECORD_LAST_USED = "UPDATE pat4j_token SET last_used_at = ?"
            + " WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";

    private static final int LIVE_ID_FETCH = 1000;

    private TokenRows() {
    }

    public static void insert(Connection c, StoredToken t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int i = 1;
            ps.setString(i++, t.id());
            ps.setString(i++, t.owner());
            ps.setString(i++, t.name());
            ps.setString(i++, t.organization());
            ps.setString(i++, t.scopes());
            setInstant(ps, i++, t.createdAt());
            ps.setString(i++, t.createdBy());
            ps.setString(i++, t.createdVia());
            setInstant(ps, i++, t.expiresAt());
            setInstant(ps, i++, t.revokedAt());
            ps.setString(i++, t.revokedBy());
            setInstant(ps, i++, t.lastUsedAt());
            ps.setBytes(i++, t.salt());
            ps.setBytes(i++, t.hash());
            ps.setString(i++, t.hashAlgorithm());
            ps.setBoolean(i++, t.expiryNotified());
            ps.setLong(i, t.version());
            ps.executeUpdate();
        }
    }

    /** Writes {@code next} if the stored version is {@code next.version() - 1}; true if it did. */
    public static boolean update(Connection c, StoredToken next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int i = 1;
            ps.setString(i++, next.owner());
            ps.setString(i++, next.name());
            ps.setString(i++, next.organization());
            ps.setString(i++, next.scopes());
            setInstant(ps, i++, next.createdAt());
            ps.setString(i++, next.createdBy());
            ps.setString(i++, next.createdVia());
            setInstant(ps, i++, next.expiresAt());
            setInstant(ps, i++, next.revokedAt());
            ps.setString(i++, next.revokedBy());
            setInstant(ps, i++, next.lastUsedAt());
            setInstant(ps, i++, next.lastUsedAt());
            ps.setBytes(i++, next.salt());
            ps.setBytes(i++, next.hash());
            ps.setString(i++, next.hashAlgorithm());
            setInstant(ps, i++, next.expiresAt());
            ps.setBoolean(i++, next.expiryNotified());
            ps.setLong(i++, next.version());
            ps.setString(i++, next.id());
            ps.setLong(i, next.version() - 1);
            return ps.executeUpdate() == 1;
        }
    }

    public static Optional<StoredToken> find(Connection c, String id) throws SQLException {
        List<StoredToken> found = query(c, SELECT + " WHERE id = ?", ps -> ps.setString(1, id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public static List<StoredToken> findByOwner(Connection c, String owner) throws SQLException {
        return query(c, FIND_BY_OWNER, ps -> ps.setString(1, owner));
    }

    public static List<StoredToken> findExpiring(Connection c, Instant from, Instant to) throws SQLException {
        return query(c, SELECT + " WHERE revoked_at IS NULL AND expires_at > ? AND expires_at <= ?"
                + " ORDER BY expires_at, id", ps -> {
                    setInstant(ps, 1, from);
                    setInstant(ps, 2, to);
                });
    }

    public static int countActive(Connection c, String owner, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM pat4j_token WHERE owner = ? AND revoked_at IS NULL AND expires_at > ?")) {
            ps.setString(1, owner);
            setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public static long countLive(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM pat4j_token WHERE revoked_at IS NULL AND expires_at > ?")) {
            setInstant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Streams the ids of live tokens in pages of {@link #LIVE_ID_FETCH} rows (with autocommit
     * off, as {@link Transactions} runs it, PostgreSQL's driver then reads through a cursor
     * instead of holding every id in memory at once).
     */
    public static void forEachLiveId(Connection c, Instant now, Consumer<String> action)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM pat4j_token WHERE revoked_at IS NULL AND expires_at > ?")) {
            ps.setFetchSize(LIVE_ID_FETCH);
            setInstant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs.getString(1));
                }
            }
        }
    }

    /** Sets the expiry-notice flag if it is clear and the expiry unchanged; true for the one caller that set it. */
    public static boolean claimExpiryNotice(Connection c, String id, Instant expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM_NOTICE)) {
            ps.setString(1, id);
            setInstant(ps, 2, expiresAt);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * One batched statement for every time; rows are touched in id order so that two nodes
     * flushing overlapping batches lock them in the same order and cannot deadlock.
     */
    public static void recordLastUsed(Connection c, Map<String, Instant> lastUsed) throws SQLException {
        TreeMap<String, Instant> sorted = new TreeMap<>();
        lastUsed.forEach((id, at) -> {
            if (id != null && at != null) {
                sorted.put(id, at);
            }
        });
        if (sorted.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(RECORD_LAST_USED)) {
            for (Map.Entry<String, Instant> e : sorted.entrySet()) {
                setInstant(ps, 1, e.getValue());
                ps.setString(2, e.getKey());
                setInstant(ps, 3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    static List<StoredToken> query(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredToken> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    private static StoredToken read(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getString("id"), rs.getString("owner"), rs.getString("name"),
                rs.getString("organization"), rs.getString("scopes"), getInstant(rs, "created_at"),
                rs.getString("created_by"), rs.getString("created_via"), getInstant(rs, "expires_at"),
                getInstant(rs, "revoked_at"), rs.getString("revoked_by"), getInstant(rs, "last_used_at"),
                rs.getBytes("salt"), rs.getBytes("hash"), rs.getString("hash_algorithm"), rs.getBoolean("expiry_notified"), rs.getLong("version"));
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
