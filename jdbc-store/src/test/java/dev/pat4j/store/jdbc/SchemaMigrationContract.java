package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.jdbc.internal.Migrations;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pat4j's migrations run by each of the three runners an application may choose,
 * {@link JdbcTokenStore#migrate()}, Flyway and Liquibase (configured as the README says), on a
 * fresh database and on one that pat4j 0.1 created and filled with live tokens; what
 * {@code migrate()} does when a tool manages the schema; concurrency; and the refusals. Each
 * test gets a new database; subclasses provide it.
 */
abstract class SchemaMigrationContract {
    private static final int NODES = 4;

    private final List<DataSource> opened = new ArrayList<>();
    private DataSource db;

    /** A data source on a new, empty database. */
    protected abstract DataSource freshDatabase() throws Exception;

    /** Another data source on the database of {@code first}, as another node would open it. */
    protected abstract DataSource anotherNode(DataSource first) throws Exception;

    /** Releases the database and every data source opened on it. */
    protected abstract void release(List<DataSource> dataSources) throws Exception;

    protected abstract JdbcDialect dialect();

    /** Asserts that the database runs {@code sql} through schema version 2's index, without a sort. */
    protected abstract void assertServedByTheIndexWithoutASort(DataSource ds, String sql) throws Exception;

    @BeforeEach
    void newDatabase() throws Exception {
        db = freshDatabase();
        opened.add(db);
    }

    @AfterEach
    void releaseDatabase() throws Exception {
        release(opened);
    }

    private JdbcTokenStore store(DataSource ds) {
        return JdbcTokenStore.builder(ds).dialect(dialect()).build();
    }

    // --- (a) a fresh database ends at the latest version and the store works

    @Test
    void migrateBringsAFreshDatabaseToTheLatestVersion() throws Exception {
        store(db).migrate();

        assertThat(SchemaFacts.recordedVersions(db)).isEqualTo(allVersions());
        assertThat(SchemaFacts.tables(db)).doesNotContain("pat4j_schema_history", "databasechangelog");
        assertTheStoreWorks(db);
    }

    @Test
    void flywayBringsAFreshDatabaseToTheLatestVersionAndMigrateOnlyChecks() throws Exception {
        SchemaTools.flywayMigrate(db, dialect());

        assertThat(SchemaFacts.flywayHistory(db)).isEqualTo(each("%d SQL true"));
        assertMigrateOnlyChecks();
        assertTheStoreWorks(db);
    }

    @Test
    void liquibaseBringsAFreshDatabaseToTheLatestVersionAndMigrateOnlyChecks() throws Exception {
        SchemaTools.liquibaseUpdate(db, dialect());

        assertThat(SchemaFacts.liquibaseHistory(db)).isEqualTo(each("%d EXECUTED"));
        assertMigrateOnlyChecks();
        assertTheStoreWorks(db);
    }

    // --- (b) a database of pat4j 0.1 with live tokens is upgraded and loses nothing

    @Test
    void migrateUpgradesAPat4j01DatabaseWithLiveTokens() throws Exception {
        Pat4j01Database.Snapshot before = Pat4j01Database.create(db, dialect());

        store(db).migrate();

        assertThat(SchemaFacts.recordedVersions(db)).isEqualTo(allVersions());
        SchemaFacts.assertVersion2(db);
        SchemaFacts.assertVersion3(db);
        SchemaFacts.assertVersion6(db);
        before.assertUpgraded(db);
    }

    @Test
    void flywayUpgradesAPat4j01DatabaseWithLiveTokens() throws Exception {
        Pat4j01Database.Snapshot before = Pat4j01Database.create(db, dialect());

        SchemaTools.flywayMigrate(db, dialect());

        assertThat(SchemaFacts.flywayHistory(db)).as("baselined at 0, then version 1 re-run harmlessly")
                .isEqualTo(baselineAt0AndEach("%d SQL true"));
        SchemaFacts.assertVersion2(db);
        SchemaFacts.assertVersion3(db);
        SchemaFacts.assertVersion6(db);
        before.assertUpgraded(db);
        assertMigrateOnlyChecks();
    }

    @Test
    void liquibaseUpgradesAPat4j01DatabaseWithLiveTokens() throws Exception {
        Pat4j01Database.Snapshot before = Pat4j01Database.create(db, dialect());

        SchemaTools.liquibaseUpdate(db, dialect());

        assertThat(SchemaFacts.liquibaseHistory(db)).as("version 1 re-run harmlessly")
                .isEqualTo(each("%d EXECUTED"));
        SchemaFacts.assertVersion2(db);
        SchemaFacts.assertVersion3(db);
        SchemaFacts.assertVersion6(db);
        before.assertUpgraded(db);
        assertMigrateOnlyChecks();
    }

    // --- (b') version 7 takes over what the expiry_notified flag recorded

    /**
     * A deployment at version 6 (Flyway-managed here) whose pat4j claimed expiry notices with the
     * {@code expiry_notified} flag moves to version 7: the announced expiry is recorded as
     * delivered under the outbox's own key, so it is never sent again, while a later one is.
     */
    @Test
    void aVersion6DatabaseWithAnnouncedExpiriesIsMigratedTo7WithoutAnnouncingThemAgain() throws Exception {
        SchemaTools.flywayMigrateTo(db, dialect(), "6");
        MutableClock clock = new MutableClock(Fixtures.START);
        JdbcTokenStore store = JdbcTokenStore.builder(db).dialect(dialect()).clock(clock).build();
        IssuedToken soon;
        IssuedToken later;
        // pat4j as it ran at version 6: without an outbox it claims each notice with the flag
        try (Pat4j v6 = Pat4j.builder().store(new CountingStore(store)).scopes(AzureDevOpsScopes.catalog())
                .clock(clock).build()) {
            soon = Fixtures.create(v6, "alice", "acme", Duration.ofDays(5), "code:read");
            later = Fixtures.create(v6, "alice", "acme", Duration.ofDays(30), "code:read");
            assertThat(v6.expiryNotifier().run()).extracting(TokenInfo::id).containsExactly(soon.info().id());
        }
        assertThat(store.find(soon.info().id()).orElseThrow().expiryNotified()).isTrue();

        SchemaTools.flywayMigrate(db, dialect());
        store.migrate(); // checks Flyway's history, version 7 included

        List<String> sent = new CopyOnWriteArrayList<>();
        try (Pat4j v7 = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).clock(clock)
                .notificationSender(new KeyRecorder(sent)).build()) {
            assertThat(v7.notices().list(NoticeState.DELIVERED, 10)).singleElement().satisfies(e -> {
                assertThat(e.notice().key()).isEqualTo(soon.info().id() + ":expiring:7d:"
                        + soon.info().expiresAt().toEpochMilli());
                assertThat(e.notice().threshold()).isEqualTo(Duration.ofDays(7));
            });
            assertThat(v7.notices().raiseExpiring()).as("already announced").isZero();
            assertThat(v7.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);

            clock.set(later.info().expiresAt().minus(Duration.ofDays(7)));
            assertThat(v7.notices().raiseExpiring()).isEqualTo(1);
            assertThat(v7.notices().deliverDue().delivered()).isEqualTo(1);
        }
        assertThat(sent).containsExactly(later.info().id() + ":expiring:7d:" + later.info().expiresAt().toEpochMilli());
        store.close();
    }

    /** A sender that keeps the key of each notice it delivers. */
    private record KeyRecorder(List<String> keys) implements NotificationSender {
        @Override
        public String name() {
            return "mail";
        }

        @Override
        public void send(Notice notice) {
            keys.add(notice.key());
        }
    }

    // --- (c) a tool manages the schema: migrate() checks only, and says what is missing

    @Test
    void migrateRefusesASchemaWhereFlywayHasNotAppliedTheLatestVersion() throws Exception {
        SchemaTools.flywayMigrateTo(db, dialect(), "1");

        assertThatThrownBy(() -> store(db).migrate()).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("Flyway").hasMessageContaining("pat4j_schema_history")
                .hasMessageContaining("has not applied version 2 (owner listing index)")
                .hasMessageContaining("classpath:" + dialect().migrationFolder())
                .satisfies(e -> assertThat(((SchemaVersionException) e).version()).isEqualTo(2));
        assertThat(SchemaFacts.tables(db)).doesNotContain("pat4j_schema_version", "pat4j_schema_lock");

        SchemaTools.flywayMigrate(db, dialect());
        assertMigrateOnlyChecks();
    }

    @Test
    void migrateRefusesASchemaWhereLiquibaseHasNotAppliedTheLatestVersion() throws Exception {
        SchemaTools.liquibaseUpdateCount(db, dialect(), 1);

        assertThatThrownBy(() -> store(db).migrate()).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("Liquibase")
                .hasMessageContaining("has not applied version 2 (owner listing index)")
                .hasMessageContaining(dialect().migrationFolder() + "/changelog.xml")
                .satisfies(e -> assertThat(((SchemaVersionException) e).version()).isEqualTo(2));
        assertThat(SchemaFacts.tables(db)).doesNotContain("pat4j_schema_version", "pat4j_schema_lock");

        SchemaTools.liquibaseUpdate(db, dialect());
        assertMigrateOnlyChecks();
    }

    @Test
    void flywayInstallsNextToAnApplicationsOwnTablesAndFlywayHistory() throws Exception {
        SchemaTools.applicationFlyway(db);

        SchemaTools.flywayMigrate(db, dialect());

        assertThat(SchemaFacts.tables(db)).contains("flyway_schema_history", "app_order", "pat4j_schema_history");
        assertThat(SchemaFacts.flywayHistory(db)).as("a non-empty schema is baselined at 0, below version 1")
                .isEqualTo(baselineAt0AndEach("%d SQL true"));
        assertMigrateOnlyChecks();
        assertTheStoreWorks(db);
    }

    @Test
    void migrateManagesPat4jsTablesWhereLiquibaseManagesOnlyTheApplicationsOwn() throws Exception {
        SchemaTools.liquibaseUpdate(db, "app/liquibase/changelog.xml");

        store(db).migrate();

        assertThat(SchemaFacts.tables(db)).contains("databasechangelog", "app_order", "pat4j_token");
        assertThat(SchemaFacts.recordedVersions(db)).isEqualTo(allVersions());
        assertTheStoreWorks(db);
    }

    @Test
    void aSchemaThatMigrateManagesIsHandedToFlywayByBaseliningAtItsVersion() throws Exception {
        store(db).migrate();

        SchemaTools.flyway(db, dialect()).baselineVersion(String.valueOf(Migrations.latest())).load().migrate();

        assertThat(SchemaFacts.flywayHistory(db)).containsExactly(Migrations.latest() + " BASELINE true");
        store(db).migrate(); // checks Flyway's history now
        assertTheStoreWorks(db);
    }

    @Test
    void aSchemaThatMigrateManagesIsHandedToLiquibaseByChangelogSync() throws Exception {
        store(db).migrate();

        SchemaTools.liquibaseChangelogSync(db, dialect());

        assertThat(SchemaFacts.liquibaseHistory(db)).isEqualTo(each("%d EXECUTED"));
        store(db).migrate(); // checks Liquibase's history now
        SchemaTools.liquibaseUpdate(db, dialect());
        assertThat(SchemaFacts.liquibaseHistory(db)).as("nothing left to run").isEqualTo(each("%d EXECUTED"));
        assertTheStoreWorks(db);
    }

    // --- (d) idempotence and concurrency

    @Test
    void migratingTwiceIsANoOp() throws Exception {
        MutableClock clock = new MutableClock(Fixtures.START);
        JdbcTokenStore store = JdbcTokenStore.builder(db).clock(clock).build();
        store.migrate();
        List<String> recorded = SchemaFacts.recordedRows(db);
        clock.advance(Duration.ofDays(1));

        store.migrate();
        store(anotherNode(db)).migrate();

        assertThat(SchemaFacts.recordedRows(db)).as("nothing re-applied or re-recorded").isEqualTo(recorded);
        SchemaFacts.assertVersion2(db);
        SchemaFacts.assertVersion3(db);
    }

    @Test
    void nodesRacingToMigrateAFreshDatabaseAllSucceed() throws Exception {
        List<JdbcTokenStore> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(store(i == 0 ? db : anotherNode(db)));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            List<Future<Void>> runs = new ArrayList<>();
            for (JdbcTokenStore node : nodes) {
                Callable<Void> run = () -> {
                    start.await();
                    node.migrate();
                    return null;
                };
                runs.add(pool.submit(run));
            }
            start.countDown();
            for (Future<Void> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(SchemaFacts.recordedVersions(db)).as("each version applied once").isEqualTo(allVersions());
        SchemaFacts.assertVersion2(db);
        SchemaFacts.assertVersion3(db);
        for (JdbcTokenStore node : nodes) {
            assertTheStoreWorks(node);
        }
    }

    // --- (e) refusals

    @Test
    void anAppliedMigrationWhoseFileWasEditedIsRefused() throws Exception {
        store(db).migrate();
        SchemaFacts.execute(db, "UPDATE pat4j_schema_version SET checksum = '" + "0".repeat(64) + "' WHERE version = 1");

        assertThatThrownBy(() -> store(db).migrate()).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("version 1 (token store)")
                .hasMessageContaining("0".repeat(64))
                .hasMessageContaining("new version")
                .satisfies(e -> assertThat(((SchemaVersionException) e).version()).isEqualTo(1));
    }

    @Test
    void aDatabaseAtAVersionNewerThanThisJarIsRefused() throws Exception {
        store(db).migrate();
        int newer = Migrations.latest() + 1;
        SchemaFacts.execute(db, "INSERT INTO pat4j_schema_version (version, description, checksum, installed_at)"
                + " VALUES (" + newer + ", 'from the future', 'x', CURRENT_TIMESTAMP)");

        assertThatThrownBy(() -> store(db).migrate()).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("version " + newer).hasMessageContaining("newer than this pat4j-jdbc knows")
                .satisfies(e -> assertThat(((SchemaVersionException) e).version()).isEqualTo(newer));
    }

    @Test
    void aFlywaySchemaAtAVersionNewerThanThisJarIsRefused() throws Exception {
        SchemaTools.flywayMigrate(db, dialect());
        int newer = Migrations.latest() + 1;
        SchemaFacts.execute(db, "INSERT INTO \"pat4j_schema_history\" (\"installed_rank\", \"version\","
                + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\","
                + " \"execution_time\", \"success\") VALUES (100, '" + newer + "', 'from the future', 'SQL',"
                + " 'V" + newer + "__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 0, TRUE)");

        assertThatThrownBy(() -> store(db).migrate()).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("Flyway").hasMessageContaining("version " + newer)
                .hasMessageContaining("newer than this pat4j-jdbc knows");
    }

    // --- what version 2 is for

    @Test
    void version2ServesTheOwnerListingWithoutASort() throws Exception {
        store(db).migrate();

        assertServedByTheIndexWithoutASort(db, dev.pat4j.store.jdbc.internal.TokenRows.FIND_BY_OWNER);
    }

    private void assertMigrateOnlyChecks() throws Exception {
        store(db).migrate();
        store(anotherNode(db)).migrate();
        assertThat(SchemaFacts.tables(db)).as("migrate() creates nothing where a tool manages the schema")
                .doesNotContain("pat4j_schema_version", "pat4j_schema_lock");
    }

    private void assertTheStoreWorks(DataSource ds) {
        assertTheStoreWorks(store(ds));
    }

    /** Creates a token through Pat4j and validates it. */
    private static void assertTheStoreWorks(JdbcTokenStore store) {
        Pat4j pat4j = Pat4j.builder().store(store).scopes(Pat4j01Database.CATALOG).build();
        try {
            NewToken request = NewToken.builder("erin", "works").allOrganizations()
                    .lifespan(Duration.ofDays(7)).scopes("code:read").build();
            IssuedToken issued = pat4j.tokens().create(request, Actor.user("erin"));
            assertThat(Fixtures.authenticatedId(pat4j.validator().check(Fixtures.bearer(issued.token()))))
                    .isEqualTo(issued.info().id());
        } finally {
            pat4j.close();
        }
    }

    /** {@code format} for every shipped version, oldest first. */
    private static List<String> each(String format) {
        return allVersions().stream().map(v -> String.format(format, v)).toList();
    }

    /** Flyway's baseline at 0, then {@code format} for every shipped version. */
    private static List<String> baselineAt0AndEach(String format) {
        List<String> out = new ArrayList<>(List.of("0 BASELINE true"));
        out.addAll(each(format));
        return out;
    }

    private static List<Integer> allVersions() {
        return Migrations.versions();
    }
}
