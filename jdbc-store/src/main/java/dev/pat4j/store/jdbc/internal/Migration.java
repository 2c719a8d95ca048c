package dev.pat4j.store.jdbc.internal;

/**
 * One version of pat4j's schema for one dialect: its number, its description (Flyway's, from the
 * file name) and its script. Immutable, hence thread-safe.
 */
public record Migration(int version, String description, SchemaScript script) {

    /** The checksum {@code JdbcTokenStore.migrate()} records and compares (SHA-256 of the file). */
    public String checksum() {
        return script.checksum();
    }

    /** How the version appears in messages: {@code version 2 (owner listing index)}. */
    public String label() {
        return "version " + version + " (" + description + ")";
    }
}
