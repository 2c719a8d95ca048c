package dev.pat4j.store.jdbc;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import dev.pat4j.store.ChangeAnnouncer;
import dev.pat4j.store.DuplicateTokenIdException;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.SettingsFingerprintStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenPaging;
import dev.pat4j.store.TokenStore;
import dev.pat4j.store.jdbc.internal.ChangeFeed;
import dev.pat4j.store.jdbc.internal.ChangeSignals;
import dev.pat4j.store.jdbc.internal.NoticeRows;
import dev.pat4j.store.jdbc.internal.SchemaMigrator;
import dev.pat4j.store.jdbc.internal.SettingsRows;
import dev.pat4j.store.jdbc.internal.TokenPages;
import dev.pat4j.store.jdbc.internal.TokenRows;
import dev.pat4j.store.jdbc.internal.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A durable {@link TokenStore} on any {@link DataSource} of H2 or PostgreSQL, for one node or
 * many nodes sharing one database. Only {@code java.sql} is used at run time: the driver (and
 * any connection pool) is the application's.
 *
 * <p>Every call is one transaction on a connection borrowed for that call, so a database that
 * goes away makes calls fail with {@link dev.pat4j.store.StoreUnavailableException} (validators
 * then fail closed) and a database that comes back is used again without a restart.
 * {@link #update} is optimistic: it writes only over the version it was derived from, which
 * with the service's retry loop means concurrent changes never lose one and a revocation always
 * wins over a racing extension.
 *
 * <p>The change feed is numbered by a one-row counter that each writer increments inside its
 * own transaction, not by a database sequence: the row lock makes the numbers follow commit
 * order without gaps, so a node that has read change n can never later miss a change below n
 * (see {@code ChangeFeed} for the whole argument). On PostgreSQL each change also sends a
 * {@code NOTIFY}; a listener thread (started while someone is subscribed through
 * {@link #onChange}, stopped by {@link #close()}) wakes followers at once, and polling remains
 * the guarantee.
 *
 * <p>Every statement has a deadline ({@link Builder#queryTimeout}, 500 ms unless configured),
 * but for the background reads of every live id ({@link #LIVE_ID_READ_TIMEOUT}).
 * Give the data source a short wait for a connection (the pool's timeout) and connect and socket
 * timeouts (for PostgreSQL's driver: {@code connectTimeout}, {@code socketTimeout}) so that a
 * database that stops answering altogether fails calls too, and room for one extra connection per store on PostgreSQL, which
 * the listener holds while anyone is subscribed.
 *
 * <p>Offers the {@link ChangeAnnouncer} capability: change-feed entries for tokens that did not
 * change themselves (an owner's rights did), appended like those of updates. An insert appends
 * its token's id to the feed as well, so other nodes' filters of live ids learn of it; and the
 * {@link LiveTokenIds} capability reads those ids from the existing columns
 * ({@code revoked_at}, {@code expires_at}) to build the filters.
 *
 * <p>It offers the {@link SettingsFingerprintStore} capability (table {@code pat4j_settings}, schema
 * version 4), so that every process on one database runs with settings under which the
 * database's tokens verify; on a schema older than version 4 it keeps none, and pat4j goes on
 * without the check.
 *
 * <p>It offers the {@link TokenPaging} capability: {@link #findPage} reads one page of an owner's
 * tokens with one keyset query ({@code WHERE owner = ? AND (key, id) > (?, ?) ... ORDER BY key,
 * id LIMIT n}) that schema version 6's indexes serve without a sort, so a page costs what it
 * shows, not the owner's history (on an older schema the same query runs, without those
 * indexes). A search cannot use an index (it matches anywhere in the name): a page with one
 * reads the owner's rows until it has found a page of matches, at worst all of them. Names are ordered as {@link String#compareTo} orders them: H2 compares so, and
 * PostgreSQL compares {@code COLLATE "C"}, by code point, which differs from it only between
 * characters beyond U+FFFF and those from U+E000 to U+FFFF. The search folds case with the
 * database's {@code LOWER} on both the name and the text (for ASCII, as {@code Locale.ROOT}
 * does), with {@code %}, {@code _} and {@code \} in the text matched literally.
 *
 * <p>It offers the {@link NoticeOutbox} capability (table {@code pat4j_notice}, schema version 7):
 * a notice is inserted in the transaction of the token insert or update that causes it; a claim
 * selects due notices {@code FOR UPDATE SKIP LOCKED} and leases each with an update that checks
 * again that it is claimable, so two nodes never claim one notice while its lease holds (on H2
 * and PostgreSQL alike) and never wait for each other's claims. Version 7 records every token
 * whose {@code expiry_notified} flag was set as a delivered seven-day expiry notice, so that an
 * upgraded database does not announce it again; the flag itself is left in place and no longer
 * set by pat4j ({@link #claimExpiryNotice} still sets it for callers of its own).
 *
 * <p>Thread-safe: one store object serves every thread of a node.
 *
 * <pre>{@code
 * JdbcTokenStore store = JdbcTokenStore.builder(dataSource).build(); // dialect detected
 * store.migrate(); // or let Flyway or Liquibase run pat4j's migrations: then this only checks
 * Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).build();
 * // ... on shutdown:
 * pat4j.close();
 * store.close();
 * }</pre>
 */
public final class JdbcTokenStore implements TokenStore, ChangeAnnouncer, LiveTokenIds, SettingsFingerprintStore,
        TokenPaging, NoticeOutbox, AutoCloseable {
    /** The statement deadline unless {@link Builder#queryTimeout} says otherwise, in milliseconds. */
    public static final long DEFAULT_QUERY_TIMEOUT_MILLIS = 500;
    /** The statement deadline unless {@link Builder#queryTimeout} says otherwise. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMillis(DEFAULT_QUERY_TIMEOUT_MILLIS);
    /**
     * The deadline of the two reads of every live row behind pat4j's filter of live ids
     * ({@link #countLive}, {@link #forEachLiveId}), or the query timeout if longer. They run in
     * the background, never for a request, and at 10⁵–10⁶ tokens take longer than a request's
     * deadline, which used to cancel them, leaving a large store without its filter.
     */
    public static final Duration LIVE_ID_READ_TIMEOUT = Duration.ofSeconds(60);
    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Clock clock;
    private final Transactions tx;
    private final Transactions bulk;
    private final ChangeSignals signals;
    private final boolean notifyOnCommit;
    private final boolean localWakeUps;

    private JdbcTokenStore(DataSource dataSource, JdbcDialect dialect, Clock clock, boolean listen,
                           Duration queryTimeout) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.tx = new Transactions(dataSource, dialect == JdbcDialect.POSTGRESQL, queryTimeout.toMillis());
        this.bulk = new Transactions(dataSource, dialect == JdbcDialect.POSTGRESQL,
                Math.max(queryTimeout.toMillis(), LIVE_ID_READ_TIMEOUT.toMillis()));
        this.notifyOnCommit = dialect == JdbcDialect.POSTGRESQL;
        boolean push = notifyOnCommit && listen;
        this.signals = push ? ChangeSignals.listeningOn(dataSource) : ChangeSignals.local();
        // Without a listener, at least the followers sharing this store object learn at once.
        this.localWakeUps = !push;
    }

    /** Starts configuring a store over {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The database dialect in use. */
    public JdbcDialect dialect() {
        return dialect;
    }

    /**
     * Brings pat4j's tables to the schema version this jar needs, or checks that they are
     * there. Call it once at start-up, before the store serves requests; it returns at once
     * when nothing is to be done. Safe when several threads or nodes run it at once.
     *
     * <p>pat4j's schema is a list of versioned migrations, one folder per dialect on the class
     * path ({@code META-INF/pat4j/db/h2/}, {@code META-INF/pat4j/db/postgresql/}), written so
     * that an application can run them with Flyway (history table {@code pat4j_schema_history})
     * or Liquibase ({@code changelog.xml} in each folder) instead. This method
     * <ul>
     * <li>only <em>checks</em> when one of them manages pat4j's schema (Flyway's
     *     {@code pat4j_schema_history} exists, or Liquibase's {@code DATABASECHANGELOG} has
     *     pat4j's changesets): every version this jar ships must have been applied successfully.
     *     It creates nothing then, not even its own table;</li>
     * <li>otherwise applies the pending versions itself, each in its own transaction, recording
     *     them (version, description, SHA-256 of the file, time) in {@code pat4j_schema_version}.
     *     Concurrent runs are serialised: on PostgreSQL by an advisory lock, on H2 by a row lock
     *     in {@code pat4j_schema_lock} held on a second connection of the data source (so
     *     migrating on H2 needs two connections at once). A database that pat4j 0.1 created
     *     ({@link #createSchemaIfMissing()}: the tables, no recorded version) is adopted and
     *     upgraded, its tokens and change feed untouched.</li>
     * </ul>
     *
     * @throws SchemaVersionException if a version this jar needs is missing from the history of
     *     the tool that manages the schema, an applied migration's checksum differs from the file
     *     this jar ships (a released migration was edited), or the database is at a version newer
     *     than this jar knows; the message names the version
     * @throws dev.pat4j.store.StoreUnavailableException if the database fails
     */
    public void migrate() {
        new SchemaMigrator(dataSource, dialect.migrationFolder(), dialect == JdbcDialect.POSTGRESQL, clock).migrate();
    }

    /**
     * Creates pat4j's schema; since versioned migrations, the same as {@link #migrate()}.
     *
     * @deprecated pat4j 0.1's way to create the schema: call {@link #migrate()}, which this
     *     delegates to, or run pat4j's migrations with Flyway or Liquibase
     * @throws dev.pat4j.store.StoreUnavailableException if the database fails
     */
    @Deprecated
    public void createSchemaIfMissing() {
        migrate();
    }

    /**
     * Deletes change-feed entries older than {@code olderThan}; the feed's head is kept. A node
     * whose follower could not read the feed for longer than that would miss the deleted
     * changes, so keep {@code olderThan} well above the validators' cache TTL (five minutes by
     * default) and any outage a node rides out: an hour or a day is typical.
     *
     * @return how many entries were deleted
     */
    public int pruneChanges(Duration olderThan) {
        if (olderThan == null || olderThan.isNegative() || olderThan.isZero()) {
            throw new IllegalArgumentException("olderThan must be positive");
        }
        Instant cutoff = clock.instant().minus(olderThan);
        return tx.run("prune the change feed", c -> ChangeFeed.prune(c, cutoff));
    }

    @Override
    public void insert(StoredToken token) {
        Objects.requireNonNull(token, "token");
        tx.run("insert " + Transactions.describe(token.id()), c -> {
            insertAndAppend(c, token);
            return null;
        });
        if (localWakeUps) {
            signals.fire();
        }
    }

    private void insertAndAppend(Connection c, StoredToken token) throws SQLException {
        try {
            TokenRows.insert(c, token);
        } catch (SQLException e) {
            if (Transactions.isUniqueViolation(e)) {
                throw new DuplicateTokenIdException(token.id());
            }
            throw e;
        }
        // Other nodes learn of the new id from the feed: their filters of live ids add it.
        ChangeFeed.append(c, token.id(), clock.instant(), notifyOnCommit);
    }

    @Override
    public boolean enqueue(OutboxNotice notice) {
        Objects.requireNonNull(notice, "notice");
        return tx.run("enqueue a notice of " + Transactions.describe(notice.tokenId()),
                c -> NoticeRows.enqueue(c, postgres(), notice));
    }

    /** The token, its change-feed entry and its notice in one transaction. */
    @Override
    public void insertWithNotice(StoredToken token, OutboxNotice notice) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(notice, "notice");
        tx.run("insert " + Transactions.describe(token.id()) + " with its notice", c -> {
            insertAndAppend(c, token);
            NoticeRows.enqueue(c, postgres(), notice);
            return null;
        });
        if (localWakeUps) {
            signals.fire();
        }
    }

    /** The update, its change-feed entry and its notice in one transaction; nothing if the update loses. */
    @Override
    public boolean updateWithNotice(StoredToken next, OutboxNotice notice) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(notice, "notice");
        boolean updated = tx.run("update " + Transactions.describe(next.id()) + " with its notice", c -> {
            if (!updateAndAppend(c, next)) {
                return false;
            }
            NoticeRows.enqueue(c, postgres(), notice);
            return true;
        });
        if (updated && localWakeUps) {
            signals.fire();
        }
        return updated;
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, String leaseOwner, Instant leaseUntil, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("a lease ends after it begins");
        }
        positiveLimit(limit);
        return tx.run("claim due notices", c -> NoticeRows.claimDue(c, now, leaseOwner, leaseUntil, limit));
    }

    @Override
    public boolean markDelivered(String key, Set<String> senders, Instant at) {
        Objects.requireNonNull(at, "at");
        Set<String> copy = Set.copyOf(senders);
        if (key == null) {
            return false;
        }
        return tx.run("mark a notice delivered", c -> NoticeRows.markDelivered(c, key, copy, at));
    }

    @Override
    public boolean markFailed(String key, String leaseOwner, Set<String> senders, Instant nextAttemptAt,
                              String error) {
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(error, "error");
        Set<String> copy = Set.copyOf(senders);
        if (key == null) {
            return false;
        }
        return tx.run("mark a notice failed", c -> NoticeRows.markFailed(c, key, leaseOwner, copy, nextAttemptAt,
                error));
    }

    @Override
    public List<OutboxEntry> list(NoticeState state, int limit) {
        Objects.requireNonNull(state, "state");
        positiveLimit(limit);
        return tx.run("list notices", c -> NoticeRows.list(c, state, limit));
    }

    @Override
    public long count(NoticeState state) {
        Objects.requireNonNull(state, "state");
        return tx.run("count notices", c -> NoticeRows.count(c, state));
    }

    private boolean postgres() {
        return dialect == JdbcDialect.POSTGRESQL;
    }

    private static void positiveLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    @Override
    public long countLive(Instant now) {
        Objects.requireNonNull(now, "now");
        return bulk.run("count live tokens", c -> TokenRows.countLive(c, now));
    }

    @Override
    public void forEachLiveId(Instant now, Consumer<String> action) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(action, "action");
        bulk.run("read live token ids", c -> {
            TokenRows.forEachLiveId(c, now, action);
            return null;
        });
    }

    @Override
    public Optional<StoredToken> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return tx.run("read " + Transactions.describe(id), c -> TokenRows.find(c, id));
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        if (owner == null) {
            return List.of();
        }
        return tx.run("list tokens by owner", c -> TokenRows.findByOwner(c, owner));
    }

    @Override
    public List<StoredToken> findPage(String owner, Set<TokenState> states, Instant now, @Nullable String search,
                                      TokenSort sort, @Nullable PagePosition after, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(sort, "sort");
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("a position in " + after.sort() + " order cannot start a page in "
                    + sort + " order");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        boolean postgres = dialect == JdbcDialect.POSTGRESQL;
        return tx.run("list a page of tokens",
                c -> TokenPages.find(c, postgres, owner, states, now, search, sort, after, limit));
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return tx.run("list expiring tokens", c -> TokenRows.findExpiring(c, from, to));
    }

    @Override
    public int countActive(String owner, Instant now) {
        Objects.requireNonNull(now, "now");
        if (owner == null) {
            return 0;
        }
        return tx.run("count active tokens", c -> TokenRows.countActive(c, owner, now));
    }

    @Override
    public boolean update(StoredToken next) {
        Objects.requireNonNull(next, "next");
        boolean updated = tx.run("update " + Transactions.describe(next.id()), c -> updateAndAppend(c, next));
        if (updated && localWakeUps) {
            signals.fire();
        }
        return updated;
    }

    private boolean updateAndAppend(Connection c, StoredToken next) throws SQLException {
        if (!TokenRows.update(c, next)) {
            return false;
        }
        ChangeFeed.append(c, next.id(), clock.instant(), notifyOnCommit);
        return true;
    }

    /** Appends the changes in one transaction, numbered by the same counter row as updates. */
    @Override
    public void announceChanges(Collection<String> tokenIds) {
        List<String> ids = List.copyOf(tokenIds);
        if (ids.isEmpty()) {
            return;
        }
        tx.run("announce " + ids.size() + " changed tokens", c -> {
            Instant at = clock.instant();
            for (String id : ids) {
                ChangeFeed.append(c, id, at, notifyOnCommit);
            }
            return null;
        });
        if (localWakeUps) {
            signals.fire();
        }
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        if (id == null || expiresAt == null) {
            return false;
        }
        return tx.run("claim the expiry notice of " + Transactions.describe(id),
                c -> TokenRows.claimExpiryNotice(c, id, expiresAt));
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        if (lastUsed == null || lastUsed.isEmpty()) {
            return;
        }
        tx.run("record last-used times", c -> {
            TokenRows.recordLastUsed(c, lastUsed);
            return null;
        });
    }

    @Override
    public long changeHead() {
        return tx.run("read the change feed head", ChangeFeed::head);
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return tx.run("read the change feed", c -> ChangeFeed.since(c, after, limit));
    }

    /** The rows of {@code pat4j_settings}; empty on a schema older than version 4, which has no such table. */
    @Override
    public Optional<Map<String, String>> recordedSettings() {
        return tx.run("read the recorded settings", SettingsRows::read);
    }

    /** Replaces the rows of {@code pat4j_settings} in one transaction, if they are still {@code expected}. */
    @Override
    public boolean replaceRecordedSettings(Map<String, String> expected, Map<String, String> replacement) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        try {
            return tx.run("record the settings", c -> SettingsRows.replace(c, expected, replacement));
        } catch (SettingsRows.Lost e) {
            return false;
        }
    }

    /**
     * Registers a wake-up run when another node (PostgreSQL, through LISTEN/NOTIFY) or this
     * store object commits a change. The first registration on PostgreSQL starts the listener
     * thread, which holds one connection of the data source while anyone is registered.
     */
    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        return signals.subscribe(Objects.requireNonNull(wakeUp, "wakeUp"));
    }

    /**
     * Stops the PostgreSQL listener thread and drops every wake-up registration. The data
     * source stays open (it is the application's); calls still work, polled only.
     */
    @Override
    public void close() {
        signals.close();
    }

    /** Whether this store currently LISTENs for PostgreSQL notifications (diagnostics). */
    boolean listening() {
        return signals.listening();
    }

    @Override
    public String toString() {
        return "JdbcTokenStore[" + dialect + "]";
    }

    /** Configures a {@link JdbcTokenStore}; each setter validates its argument at once. */
    public static final class Builder {
        private final DataSource dataSource;
        private JdbcDialect dialect;
        private Clock clock = Clock.systemUTC();
        private boolean notifications = true;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The database's dialect; if not set, {@link #build()} asks the database. */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The clock that stamps change-feed entries (for {@link #pruneChanges}) and the schema
         * versions {@link #migrate()} records; default UTC system clock.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether to LISTEN for PostgreSQL notifications (default true). Turn it off where a
         * connection cannot hold a LISTEN, such as behind a transaction-pooling proxy; nodes
         * then learn of changes by polling alone. Changes are always NOTIFYed.
         */
        public Builder notifications(boolean listen) {
            this.notifications = listen;
            return this;
        }

        /**
         * The deadline of every statement the store runs, waits for locks included; default
         * {@value #DEFAULT_QUERY_TIMEOUT_MILLIS} ms, from 1 ms to 24 hours. A statement that runs
         * longer is cancelled by the database and the call fails with
         * {@link dev.pat4j.store.StoreUnavailableException}, so a hung database (a lock held by a
         * stuck transaction) fails a token check within this time instead of holding its request
         * thread; pat4j's circuit breaker then stops calling it. In milliseconds, unlike
         * {@code Statement.setQueryTimeout}: PostgreSQL's {@code statement_timeout} for the call's
         * transaction, H2's {@code QUERY_TIMEOUT} and {@code LOCK_TIMEOUT} for the call, then
         * restored. The wait for a connection is the pool's: give it a timeout of the same order
         * (HikariCP's {@code connectionTimeout}, 30 s unless set). {@link #migrate()} has no
         * deadline: it may wait for another node's migration; the background reads of every live id
         * behind pat4j's filter have {@link #LIVE_ID_READ_TIMEOUT} if that is longer.
         */
        public Builder queryTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("queryTimeout must be from 1 ms to 24 hours");
            }
            this.queryTimeout = Duration.ofMillis(timeout.toMillis());
            return this;
        }

        /** Takes what {@code settings} say of the store itself: its {@linkplain #queryTimeout query timeout}. */
        public Builder settings(dev.pat4j.settings.Pat4jSettings settings) {
            return queryTimeout(Objects.requireNonNull(settings, "settings").store().queryTimeout());
        }

        /**
         * Builds the store; without an explicit dialect this opens one connection to detect it.
         *
         * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
         * @throws dev.pat4j.store.StoreUnavailableException if detection cannot reach the database
         */
        public JdbcTokenStore build() {
            JdbcDialect chosen = dialect != null ? dialect : detect();
            return new JdbcTokenStore(dataSource, chosen, clock, notifications, queryTimeout);
        }

        private JdbcDialect detect() {
            String product;
            try (Connection c = dataSource.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw Transactions.unavailable("detect the database dialect", e);
            }
            return JdbcDialect.forProductName(product).orElseThrow(() -> new IllegalArgumentException(
                    "unsupported database '" + product + "': JdbcTokenStore supports H2 and PostgreSQL"));
        }
    }
}
