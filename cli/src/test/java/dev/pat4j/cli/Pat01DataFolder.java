package dev.pat4j.cli;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A {@code pat-data/} folder as pat 0.1 left it: its H2 file made by 0.1's schema script (the
 * verbatim copy under {@code schema-0.1/}, as in the JDBC store's tests), opened the way 0.1's
 * CLI opened it ({@code AUTO_SERVER=TRUE}, the empty user and the empty password), holding a
 * token made through pat4j, and permissions as the usual umask 022 left them (folder 755, files 644).
 */
final class Pat01DataFolder {
    private Pat01DataFolder() {
    }

    /** The URL 0.1's CLI opened for the folder {@code patData}. */
    static String url(Path patData) {
        return "jdbc:h2:file:" + patData.resolve("pat").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    /** A data source as 0.1's CLI had it: no user, no password. */
    static JdbcDataSource dataSource(Path patData) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url(patData));
        ds.setUser("");
        ds.setPassword("");
        return ds;
    }

    /** Makes the folder and its database; returns the secret of alice's token "laptop". */
    static String create(Path patData) throws Exception {
        Files.createDirectories(patData);
        JdbcDataSource ds = dataSource(patData);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements(read("schema-0.1/schema-h2.sql"))) {
                s.execute(statement);
            }
            // today's store writes version 3's column and version 7's notice of the create; both
            // go again below, leaving 0.1's schema
            s.execute("ALTER TABLE pat4j_token ADD COLUMN created_via VARCHAR");
            for (String statement : statements(read("META-INF/pat4j/db/h2/V7__notice_outbox.sql"))) {
                s.execute(statement);
            }
        }
        JdbcTokenStore store = JdbcTokenStore.builder(ds).build(); // no migrate(): 0.1's schema
        String token;
        try (Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).build()) {
            token = pat4j.tokens().create(NewToken.builder("alice", "laptop").allOrganizations()
                    .lifespan(Duration.ofDays(30)).scopes("code:read").build(), Actor.user("alice")).token();
        } finally {
            store.close();
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE pat4j_token DROP COLUMN created_via");
            s.execute("DROP TABLE pat4j_notice");
        }
        Files.setPosixFilePermissions(patData, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(patData)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        return token;
    }

    private static List<String> statements(String script) {
        String code = script.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
        return Stream.of(code.split(";\\s*\\n")).map(String::strip).map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static String read(String resource) throws Exception {
        try (InputStream in = Pat01DataFolder.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
