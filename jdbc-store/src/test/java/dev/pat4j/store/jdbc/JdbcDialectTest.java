package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcDialectTest {
    @Test
    void productNamesMapToDialects() {
        assertThat(JdbcDialect.forProductName("PostgreSQL")).contains(JdbcDialect.POSTGRESQL);
        assertThat(JdbcDialect.forProductName("H2")).contains(JdbcDialect.H2);
        assertThat(JdbcDialect.forProductName(" h2 ")).contains(JdbcDialect.H2);
        assertThat(JdbcDialect.forProductName("MySQL")).isEmpty();
        assertThat(JdbcDialect.forProductName(null)).isEmpty();
    }

    @Test
    void everyDialectHasItsMigrationFolderUnderMetaInf() {
        assertThat(JdbcDialect.H2.migrationFolder()).isEqualTo("META-INF/pat4j/db/h2");
        assertThat(JdbcDialect.POSTGRESQL.migrationFolder()).isEqualTo("META-INF/pat4j/db/postgresql");
        for (JdbcDialect d : JdbcDialect.values()) {
            assertThat(JdbcDialect.class.getClassLoader().getResource(d.migrationFolder() + "/changelog.xml"))
                    .as(d.name()).isNotNull();
        }
    }
}
