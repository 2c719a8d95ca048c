/**
 * pat4j's durable token store on H2 or PostgreSQL: {@link dev.pat4j.store.jdbc.JdbcTokenStore}
 * and its versioned migrations (resources under {@code META-INF/pat4j/db/}, which the module
 * system never hides). Needs only {@code java.sql}; the driver and pool are the application's.
 */
module dev.pat4j.jdbc {
    requires transitive dev.pat4j.core;
    requires transitive java.sql;
    requires org.slf4j;

    exports dev.pat4j.store.jdbc;
}
