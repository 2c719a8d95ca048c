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
    void everyDialectShipsItsSchemaScript() {
        for (JdbcDialect d : JdbcDialect.values()) {
            assertThat(JdbcTokenStore.class.getResource(d.schemaResource())).as(d.name()).isNotNull();
        }
    }
}
