package dev.pat4j.store.jdbc;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway and Liquibase configured over pat4j's migrations exactly as jdbc-store/README.md tells
 * applications to, so the tests prove the documented set-up.
 */
final class SchemaTools {
    private SchemaTools() {
    }

    /** The README's Flyway configuration for {@code dialect}. */
    static FluentConfiguration flyway(DataSource dataSource, JdbcDialect dialect) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + dialect.migrationFolder())
                .table("pat4j_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    /** Flyway's migrate over pat4j's migrations, all versions. */
    static void flywayMigrate(DataSource dataSource, JdbcDialect dialect) {
        flyway(dataSource, dialect).load().migrate();
    }

    /** Flyway's migrate up to {@code version} only: a deployment that has not applied the rest. */
    static void flywayMigrateTo(DataSource dataSource, JdbcDialect dialect, String version) {
        flyway(dataSource, dialect).target(version).load().migrate();
    }

    /** The README's Liquibase change log for {@code dialect}. */
    static String changelog(JdbcDialect dialect) {
        return dialect.migrationFolder() + "/changelog.xml";
    }

    /** Liquibase's update over pat4j's change log, every changeset. */
    static void liquibaseUpdate(DataSource dataSource, JdbcDialect dialect) throws Exception {
        liquibaseUpdate(dataSource, changelog(dialect));
    }

    /** Liquibase's update over the change log at {@code changelog} on the class path. */
    static void liquibaseUpdate(DataSource dataSource, String changelog) throws Exception {
        liquibase(dataSource, scope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog));
    }

    /** Liquibase's changelog-sync: records every changeset as applied without running it. */
    static void liquibaseChangelogSync(DataSource dataSource, JdbcDialect dialect) throws Exception {
        liquibase(dataSource, scope(ChangelogSyncCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog(dialect)));
    }

    /** An application's own Flyway, default history table, over its own migrations. */
    static void applicationFlyway(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:app/flyway").load().migrate();
    }

    /** Liquibase's update-count: the first {@code count} changesets only. */
    static void liquibaseUpdateCount(DataSource dataSource, JdbcDialect dialect, int count) throws Exception {
        liquibase(dataSource, scope(UpdateCountCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, changelog(dialect))
                .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count));
    }

    private static CommandScope scope(String[] name) throws LiquibaseException {
        return new CommandScope(name);
    }

    /** Runs {@code command} with Liquibase's console output sent to its (quiet) log instead. */
    private static void liquibase(DataSource dataSource, CommandScope command) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            command.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
            Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
                command.execute();
            });
        }
    }
}
