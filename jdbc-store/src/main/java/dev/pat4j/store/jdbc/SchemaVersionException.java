package dev.pat4j.store.jdbc;

/**
 * The database's pat4j schema does not fit this version of pat4j-jdbc, so
 * {@link JdbcTokenStore#migrate()} refused to go on: a version this jar needs was not applied
 * by the tool that manages the schema, an applied migration differs from the file this jar
 * ships, or the database is at a version newer than this jar knows. The message names the
 * version and, where one manages the schema, the tool. Fix the schema (or the deployment) and
 * call {@code migrate()} again; nothing was changed. Immutable.
 */
public final class SchemaVersionException extends IllegalStateException {
    private final int version;

    /** For {@code migrate()}; {@code version} is the schema version at fault. */
    public SchemaVersionException(int version, String message) {
        super(message);
        this.version = version;
    }

    /** The schema version at fault; 0 when a tool recorded a version that is not a number. */
    public int version() {
        return version;
    }
}
