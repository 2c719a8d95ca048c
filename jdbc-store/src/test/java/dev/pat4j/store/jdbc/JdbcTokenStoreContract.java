package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pat4j.Pat4j;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.owner.OwnerRights;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.settings.SettingsMismatchException;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.store.PagePosition;
import dev.pat4j.store.jdbc.internal.Migrations;
import dev.pat4j.store.jdbc.internal.TokenPages;
import dev.pat4j.testkit.TokenStoreContract;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.testkit.MutableOwnerDirectory;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The store contract plus what only a JDBC store has: schema migration, dialect detection,
 * pruning, atomic transactions, failing closed, and owner changes reaching another node's cache
 * through the database. Subclasses provide the database.
 */
abstract class JdbcTokenStoreContract extends TokenStoreContract {
    private static final byte[] PEPPER = "a-pepper-of-at-least-thirty-two-bytes!".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    private DataSource dataSource;

    /** A data source on a new, empty database or schema. */
    protected abstract DataSource freshDatabase() throws Exception;

    /** Releases what {@link #freshDatabase()} made. */
    protected abstract void releaseDatabase(DataSource dataSource) throws Exception;

    /** A data source whose database cannot be reached. */
    protected abstract DataSource unreachableDatabase();

    protected abstract JdbcDialect expectedDialect();

    /** Statement parameters, bound for {@link #plan}. */
    @FunctionalInterface
    protected interface Parameters {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The database's plan of {@code sql} with {@code parameters} bound, as one text. */
    protected abstract String plan(String sql, Parameters parameters) throws Exception;

    /**
     * Asserts that {@code plan} reads {@code index} (forwards or backwards) and sorts nothing,
     * with the keyset position as part of the index condition where {@code after} is set.
     */
    protected abstract void assertReadThroughIndexWithoutSort(String plan, String index, boolean after);

    @Override
    protected final TokenStore createStore() throws Exception {
        dataSource = freshDatabase();
        JdbcTokenStore jdbc = JdbcTokenStore.builder(dataSource).build();
        jdbc.migrate();
        return jdbc;
    }

    @Override
    protected final void disposeStore(TokenStore store) throws Exception {
        ((JdbcTokenStore) store).close();
        releaseDatabase(dataSource);
    }

    protected final DataSource dataSource() {
        return dataSource;
    }

    protected final JdbcTokenStore jdbcStore() {
        return (JdbcTokenStore) store;
    }

    /**
     * Two nodes, each with its own store object (so no wake-up within one object helps) and its
     * own cache, on one database and one owner directory: an owner change announced on node A
     * reaches node B's cache through the database's change feed, in a bounded wait.
     */
    @Test
    void anOwnerChangeAnnouncedOnOneNodeReachesAnotherNodesCacheThroughTheDatabase() {
        MutableOwnerDirectory owners = new MutableOwnerDirectory();
        JdbcTokenStore otherStore = JdbcTokenStore.builder(dataSource).build();
        try (Pat4j a = node(jdbcStore(), owners); Pat4j b = node(otherStore, owners)) {
            IssuedToken t = a.tokens().create(NewToken.builder("alice", "ci").organization("acme")
                    .lifespan(Duration.ofDays(30)).scopes("code:write").createdVia("git: https://host/ on MyMachine")
                    .build(), Actor.user("alice"));
            String header = Fixtures.bearer(t.token());
            assertThat(principalScopes(b, header)).isEqualTo("code:write");
            long head = store.changeHead();

            owners.set("alice", OwnerRights.everything().withScopes("code:read"));
            assertThat(a.tokens().ownerChanged("alice")).isEqualTo(1);

            assertThat(store.changesSince(head, 10)).containsExactly(new TokenChange(head + 1, t.info().id()));
            assertThat(principalScopes(a, header)).isEqualTo("code:read");
            assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> principalScopes(b, header).equals("code:read")))
                    .as("node B re-read the owner's rights").isTrue();

            owners.set("alice", OwnerRights.inactive());
            a.tokens().ownerChanged("alice");
            ValidationResult inactive = new ValidationResult.Rejected(RejectionReason.OWNER_INACTIVE, t.info().id());
            assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> b.validator().check(header, "acme")
                    .equals(inactive))).isTrue();
            StoredToken row = store.find(t.info().id()).orElseThrow();
            assertThat(row.version()).as("announced, never updated").isEqualTo(1);
            assertThat(row.createdVia()).isEqualTo("git: https://host/ on MyMachine");
        } finally {
            otherStore.close();
        }
    }

    private static Pat4j node(JdbcTokenStore store, MutableOwnerDirectory owners) {
        return Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).owners(owners)
                .changePollInterval(Duration.ofMillis(100)).build();
    }

    private static String principalScopes(Pat4j node, String header) {
        ValidationResult r = node.validator().check(header, "acme");
        return r instanceof ValidationResult.Authenticated ok ? ok.principal().scopes().format() : r.toString();
    }

    @Test
    void aProcessWhoseSettingsDifferFromTheDatabasesRefusesToStart() {
        Pat4j application = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).prefix("acme")
                .hashing(SecretHashing.hmacSha256("2024a", PEPPER)).build();
        application.close();
        assertThat(jdbcStore().recordedSettings().orElseThrow()).containsEntry("token.prefix", "acme")
                .containsEntry("hashing.algorithm", "hmac-sha256").containsEntry("hashing.pepper-id", "2024a");

        JdbcTokenStore other = JdbcTokenStore.builder(dataSource).build(); // another process on the same database
        try {
            assertThatThrownBy(() -> Pat4j.builder().store(other).scopes(AzureDevOpsScopes.catalog()).build())
                    .isInstanceOfSatisfying(SettingsMismatchException.class, e -> {
                        assertThat(e.setting()).isEqualTo("pat4j.token.prefix");
                        assertThat(e.storeValue()).isEqualTo("acme");
                        assertThat(e.processValue()).isEqualTo("pat");
                    });
            assertThatThrownBy(() -> Pat4j.builder().store(other).scopes(AzureDevOpsScopes.catalog()).prefix("acme")
                    .hashing(SecretHashing.hmacSha256("2024b", PEPPER)).build())
                    .isInstanceOfSatisfying(SettingsMismatchException.class,
                            e -> assertThat(e.setting()).isEqualTo("pat4j.hashing.pepper-id"));
            Pat4j.builder().store(other).scopes(AzureDevOpsScopes.catalog()).prefix("acme")
                    .hashing(SecretHashing.hmacSha256("2024a", PEPPER)).build().close();
        } finally {
            other.close();
        }
    }

    @Test
    void aSchemaOlderThanVersion4KeepsNoSettingsAndPat4jStartsWithoutTheCheck() throws Exception {
        sql("DROP TABLE pat4j_settings"); // the schema as version 2 left it
        sql("DELETE FROM pat4j_schema_version WHERE version = 4");
        assertThat(jdbcStore().recordedSettings()).isEmpty();
        assertThat(jdbcStore().replaceRecordedSettings(Map.of(), Map.of("token.prefix", "acme"))).isFalse();
        Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).build().close();
        jdbcStore().migrate();
        assertThat(jdbcStore().recordedSettings()).hasValue(Map.of());
    }

    @Test
    void theDialectIsDetectedFromTheDatabase() {
        assertThat(jdbcStore().dialect()).isEqualTo(expectedDialect());
        assertThat(jdbcStore()).hasToString("JdbcTokenStore[" + expectedDialect() + "]");
    }

    @Test
    void migratingAgainKeepsTokensAndTheFeed() {
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(t);
        assertThat(store.update(t.withScopes("code:write"))).isTrue();
        long head = store.changeHead();

        jdbcStore().migrate();
        JdbcTokenStore.builder(dataSource).dialect(expectedDialect()).build().migrate();

        assertThat(store.find(t.id())).contains(t.withScopes("code:write"));
        assertThat(store.changeHead()).isEqualTo(head);
        assertThat(store.update(t.withScopes("code:write").withScopes("code:read"))).isTrue();
        assertThat(store.changeHead()).isEqualTo(head + 1);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedCreateSchemaIfMissingOfPat4j01Migrates() throws Exception {
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(t);

        jdbcStore().createSchemaIfMissing();

        assertThat(store.find(t.id())).contains(t);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM pat4j_schema_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
        }
    }

    @Test
    void anUpdateWhoseChangeCannotBeRecordedIsRolledBackWhole() throws Exception {
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(t);
        assertThat(store.update(t.withScopes("code:write"))).isTrue();
        sql("DELETE FROM pat4j_change_counter");

        StoredToken v3 = t.withScopes("code:write").withScopes("code:read");
        assertThatThrownBy(() -> store.update(v3)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("update token " + t.id());
        assertThat(store.find(t.id())).as("token row rolled back with the failed append")
                .contains(t.withScopes("code:write"));

        sql("INSERT INTO pat4j_change_counter (id, seq) VALUES (1, 2)"); // repaired by hand: insert, update
        assertThat(store.changeHead()).isEqualTo(2);
        assertThat(store.update(v3)).isTrue();
        assertThat(store.changesSince(0, 10)).extracting(TokenChange::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void pruningDropsOldChangesAndKeepsTheHead() {
        MutableClock clock = new MutableClock(T0);
        JdbcTokenStore clocked = JdbcTokenStore.builder(dataSource).clock(clock).build();
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        clocked.insert(t);
        StoredToken v2 = t.withScopes("a");
        StoredToken v3 = v2.withScopes("b");
        assertThat(clocked.update(v2)).isTrue();
        clock.advance(Duration.ofHours(2));
        assertThat(clocked.update(v3)).isTrue();
        clock.advance(Duration.ofMinutes(30));

        assertThat(clocked.pruneChanges(Duration.ofHours(1))).as("the insert's change and v2's").isEqualTo(2);
        assertThat(clocked.pruneChanges(Duration.ofHours(1))).isZero();

        assertThat(clocked.changeHead()).isEqualTo(3);
        assertThat(clocked.changesSince(0, 10)).containsExactly(new TokenChange(3, t.id()));
        assertThat(clocked.update(v3.withScopes("c"))).isTrue();
        assertThat(clocked.changeHead()).isEqualTo(4);
        assertThatThrownBy(() -> clocked.pruneChanges(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCallFailsClosedWhenTheDatabaseCannotBeReached() {
        JdbcTokenStore down = JdbcTokenStore.builder(unreachableDatabase()).dialect(expectedDialect()).build();
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        List<Consumer<JdbcTokenStore>> calls = List.of(
                s -> s.insert(t), s -> s.find(t.id()), s -> s.findByOwner("alice"),
                s -> s.findExpiring(T0, T0.plusSeconds(1)), s -> s.countActive("alice", T0),
                s -> s.update(t.withScopes("x")), s -> s.claimExpiryNotice(t.id(), t.expiresAt()),
                s -> s.recordLastUsed(Map.of(t.id(), T0)), JdbcTokenStore::changeHead,
                s -> s.changesSince(0, 10), JdbcTokenStore::migrate,
                s -> s.pruneChanges(Duration.ofDays(1)));
        for (Consumer<JdbcTokenStore> call : calls) {
            assertThatThrownBy(() -> call.accept(down)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("token store unavailable: could not ")
                    .hasMessageContaining("SQLState");
        }
        assertThat(catchThrowable(() -> down.find("forged\nINFO admin logged in")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("token store unavailable: could not read a token (SQLState ")
                .hasMessageNotContaining("forged");
        assertThatThrownBy(() -> JdbcTokenStore.builder(unreachableDatabase()).build())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("detect the database dialect");
        down.close();
    }

    @Test
    void instantsKeepTheirMillisecondsThroughEveryQuery() {
        Instant expiry = T0.plus(2, ChronoUnit.DAYS).plusMillis(1);
        StoredToken t = token(nextId(), "alice", T0.plusMillis(999), expiry);
        store.insert(t);

        assertThat(store.findExpiring(expiry.minusMillis(1), expiry)).containsExactly(t);
        assertThat(store.findExpiring(expiry, expiry.plusSeconds(1))).isEmpty();
        assertThat(store.countActive("alice", expiry.minusMillis(1))).isEqualTo(1);
        assertThat(store.countActive("alice", expiry)).isZero();
    }

    /**
     * A page is one indexed keyset read, on a table that holds far more than one owner's page:
     * for every order, from the start and from a cursor, with and without a state filter, the
     * plan reads schema version 6's index for that order and has no sort. A search is left out:
     * a substring cannot be looked up in an index, and where the planner expects few matches it
     * rightly reads all of the owner's rows (through any owner index) and sorts the few.
     */
    @Test
    void everyPageIsReadThroughAVersion6IndexWithoutASort() throws Exception {
        StoredToken last = null;
        for (int i = 0; i < 1500; i++) {
            String owner = i % 3 == 0 ? "owner" + (i % 60) : "alice";
            StoredToken t = token(nextId(), owner, T0.plusMillis(i), T0.plus(1 + i % 400, ChronoUnit.HOURS));
            store.insert(t);
            if (owner.equals("alice")) {
                last = t;
            }
        }
        sql(expectedDialect() == JdbcDialect.POSTGRESQL ? "ANALYZE pat4j_token" : "ANALYZE");
        boolean postgres = expectedDialect() == JdbcDialect.POSTGRESQL;
        Instant now = T0.plus(100, ChronoUnit.HOURS);
        Map<TokenSort, String> indexes = Map.of(TokenSort.CREATED_NEWEST, "pat4j_token_owner_created_id_idx",
                TokenSort.CREATED_OLDEST, "pat4j_token_owner_created_id_idx",
                TokenSort.EXPIRES_SOONEST, "pat4j_token_owner_expires_idx",
                TokenSort.NAME, "pat4j_token_owner_name_idx");
        for (TokenSort sort : TokenSort.values()) {
            for (Set<TokenState> states : List.of(Set.<TokenState>of(), Set.of(TokenState.ACTIVE))) {
                for (boolean after : new boolean[] {false, true}) {
                    PagePosition position = after ? PagePosition.of(sort, last) : null;
                    String sql = TokenPages.sql(postgres, sort, states, false, after);
                    String plan = plan(sql, ps -> TokenPages.bind(ps, "alice", states, now, null, sort, position, 21));
                    assertReadThroughIndexWithoutSort(plan, indexes.get(sort), after);
                }
            }
        }
    }

    protected final void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) {
                s.execute(statement);
                c.commit();
            } else {
                s.execute(statement);
            }
        }
    }
}
