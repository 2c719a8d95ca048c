package dev.pat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.token.TokenFormat;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The whole token life through the real {@code pat} command tree on an H2 file database (the
 * JDBC store, a connection pool, AUTO_SERVER), each command opening and closing the database
 * as a separate {@code pat} invocation would.
 */
class CliOnH2Test {
    @TempDir
    Path dir;

    private Cli.Result pat(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PAT_DB", "jdbc:h2:file:" + dir.resolve("db/pat").toAbsolutePath());
        env.put("USER", "operator");
        CommandLine cli = PatCli.commandLine(env, new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return Cli.Result.of(code, out.toString(), err.toString());
    }

    @Test
    void createCheckListExtendScopesRenameRevokeCheck() {
        Cli.Result created = pat("create", "--owner", "alice", "--name", "ci", "--org", "acme", "--expires-in", "30d",
                "--scope", "code:read");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(Files.exists(dir.resolve("db/pat.mv.db"))).isTrue();
        String token = created.lastOutLine();
        String id = TokenFormat.standard().idOf(token);

        Cli.Result ok = pat("check", "--header", "Bearer " + token, "--org", "acme");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.outLines()).contains("owner:        alice", "token id:     " + id);

        Cli.Result table = pat("list", "--owner", "alice");
        assertThat(table.exitCode()).isZero();
        assertThat(table.outLines()).hasSize(2);
        // the check above was a use: its last-used time was flushed when that command closed pat4j
        assertThat(table.outLines().get(1)).containsSubsequence(id, "ci", "acme", "code:read", "active")
                .doesNotContain(" - ");
        Cli.Result json = pat("list", "--owner", "alice", "--json");
        assertThat(json.out()).contains("\"id\":\"" + id + "\"", "\"createdBy\":\"operator\"", "\"state\":\"active\"")
                .doesNotContain("\"lastUsedAt\":null");
        assertThat(table.out() + json.out()).doesNotContain(token.substring(16));

        Cli.Result extended = pat("extend", id, "--expires-in", "90d");
        assertThat(extended.exitCode()).as(extended.toString()).isZero();
        Cli.Result scoped = pat("scopes", id, "--scope", "code:write,build:read");
        assertThat(scoped.out().strip()).isEqualTo("token " + id + " scopes: build:read code:write");
        assertThat(pat("list", "--owner", "alice", "--json").out()).contains("\"scopes\":[\"build:read\",\"code:write\"]");
        Cli.Result renamed = pat("rename", id, "ci on H2");
        assertThat(renamed.out().strip()).isEqualTo("token " + id + " renamed to ci on H2");
        assertThat(pat("list", "--owner", "alice", "--json").out()).contains("\"name\":\"ci on H2\"");

        Cli.Result revoked = pat("revoke", id);
        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).contains(" by operator");
        Cli.Result refused = pat("check", "--token", token, "--org", "acme");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).containsExactly("rejected: revoked (token " + id + ")");
        assertThat(pat("list", "--owner", "alice").outLines().get(1)).containsPattern(" revoked +operator +-$");

        // the creation's and the revocation's notices were written to the H2 outbox with their changes;
        // nobody here sends them
        Cli.Result notices = pat("notices", "--json");
        assertThat(notices.exitCode()).as(notices.toString()).isZero();
        assertThat(notices.out()).contains("\"key\":\"" + id + ":created\"", "\"state\":\"pending\"",
                "\"key\":\"" + id + ":revoked-by-administrator\"", "\"actor\":\"operator\"")
                .doesNotContain(token.substring(16));
        Cli.Result notify = pat("notify-expiring");
        assertThat(notify.exitCode()).isEqualTo(1);
        assertThat(notify.err()).contains("no notification sender is configured");
        assertThat(pat("notices", "--state", "pending").outLines()).as("a header and both, still pending: nothing"
                + " consumed").hasSize(3);
    }

    @Test
    void refusalsNameTheRuleOrTheScope() {
        Cli.Result policy = pat("create", "--owner", "bob", "--name", "x", "--expires-in", "400d", "--scope", "code:read");
        assertThat(policy.exitCode()).isEqualTo(1);
        assertThat(policy.errLines()).singleElement().asString().startsWith("pat create: policy MAX_LIFESPAN");
        Cli.Result scope = pat("create", "--owner", "bob", "--name", "x", "--scope", "code:reed");
        assertThat(scope.exitCode()).isEqualTo(1);
        assertThat(scope.errLines()).containsExactly("pat create: unknown scope: 'code:reed'");
        assertThat(pat("list", "--owner", "bob").out().strip()).isEqualTo("no tokens for bob");
    }

    @ParameterizedTest
    @MethodSource("dev.pat4j.cli.CommandsTest#badUsage")
    void badUsageExitsTwoWithOneLine(String[] args) {
        Cli.Result r = pat(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void withoutADatabaseOnlyCreateMakesOne(@TempDir Path empty) throws Exception {
        Cli cli = new Cli(Map.of("USER", "operator"), empty, new dev.pat4j.cli.internal.JdbcDatabases());
        Path file = empty.resolve("notes.txt");
        Files.writeString(file, "nothing here\n");
        for (String[] args : new String[][] {{"list", "--owner", "alice"}, {"revoke", "AAAAAAAAAAAA"},
            {"check", "--token", "x"}, {"notify-expiring"}, {"scan", "--revoke", file.toString()},
            {"revoke-all", "--owner", "alice", "--actor", "root"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.errLines()).as(r.toString()).singleElement().asString()
                    .startsWith("pat " + args[0] + ": no database found in ./pat-data/")
                    .contains("only 'pat create' makes one there", "--config FILE");
        }
        assertThat(Files.exists(empty.resolve("pat-data"))).as("nothing was created").isFalse();
        Cli.Result elsewhere = pat("list", "--owner", "x", "--db", "jdbc:h2:file:" + empty.resolve("other/db"));
        assertThat(elsewhere.errLines()).singleElement().asString().startsWith("pat list: no database found at jdbc:h2:");

        Cli.Result created = cli.run("create", "--owner", "alice", "--name", "first", "--scope", "code:read");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(Files.exists(empty.resolve("pat-data/pat.mv.db"))).isTrue();
        assertThat(cli.run("list", "--owner", "alice").outLines()).hasSize(2);
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitOne() {
        Cli.Result r = pat("list", "--owner", "x", "--db", "jdbc:postgresql://127.0.0.1:1/nothing?password=hunter2");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("pat list: ").contains("127.0.0.1:1")
                .doesNotContain("hunter2");
    }
}
