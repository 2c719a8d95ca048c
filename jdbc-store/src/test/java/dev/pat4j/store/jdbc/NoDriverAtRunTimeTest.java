package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * pat4j-jdbc must run with whatever JDBC driver and pool the application brings, and with no
 * schema tool: no compiled class of the store may refer to a driver's, a pool's, Flyway's or
 * Liquibase's classes (the listener reaches PostgreSQL's through reflection; the tools are test
 * dependencies that run pat4j's migration files, never the store's code).
 */
class NoDriverAtRunTimeTest {
    @Test
    void noClassOfTheStoreRefersToADriverAPoolOrASchemaTool() throws Exception {
        Path classes = Path.of(JdbcTokenStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).hasSizeGreaterThan(8);
        for (Path file : files) {
            String constants = read(file);
            assertThat(constants).as(file.toString())
                    .doesNotContain("org/postgresql/").doesNotContain("org/h2/").doesNotContain("com/zaxxer/")
                    .doesNotContain("org/flywaydb/").doesNotContain("liquibase/");
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
