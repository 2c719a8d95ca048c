package dev.pat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.token.TokenFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pat scan} over real files: planted tokens are found at the right place, near misses are not. */
class ScanTest {
    @TempDir
    Path home;

    @TempDir
    Path tree;

    private final InMemoryDatabases databases = new InMemoryDatabases();
    private String leaked;
    private String alsoLeaked;
    private String innocent;

    private Cli cli() {
        return new Cli(Map.of(), home, databases);
    }

    private String create(String owner) {
        Cli.Result r = cli().run("create", "--owner", owner, "--name", "t", "--scope", "code:read");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.lastOutLine();
    }

    private static String id(String token) {
        return TokenFormat.standard().idOf(token);
    }

    private static String secretOf(String token) {
        return token.substring("pat_".length() + 12);
    }

    private void write(String relative, String content) throws IOException {
        Path file = tree.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void plant() throws IOException {
        leaked = create("alice");
        alsoLeaked = create("bob");
        innocent = create("carol");
        write("src/App.java", "class App {\n  // config\n  String t = \"" + leaked + "\";\n}\n");
        write("config/.env", "PAT=" + alsoLeaked + "\n");
        write("docs/notes.md", "é café " + ForgedTokens.sameIdOtherSecret(innocent) + " (example)\n");
        write(".git/config", "[remote] url = https://x:" + create("dave") + "@example.invalid\n");
        byte[] binary = ("\u0000\u0001" + create("erin")).getBytes(StandardCharsets.US_ASCII);
        Files.write(tree.resolve("blob.bin"), binary);
    }

    @Test
    void findsEachPlantedTokenWithFileLineAndColumnButNeverTheSecret() {
        Cli.Result r = cli().run("scan", tree.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.outLines()).containsExactly(
                tree.resolve("config/.env") + ":1:5: token " + id(alsoLeaked),
                tree.resolve("docs/notes.md") + ":1:8: token " + id(innocent),
                tree.resolve("src/App.java") + ":3:15: token " + id(leaked),
                "3 tokens found in 3 of 3 files scanned");
        for (String token : List.of(leaked, alsoLeaked, innocent)) {
            assertThat(r.out() + r.err()).doesNotContain(secretOf(token));
        }
        assertThat(r.err()).isEmpty();
    }

    @Test
    void revokeRevokesRealTokensAndLeavesLookAlikesAndOthersAlone() {
        Cli.Result r = cli().run("scan", "--revoke", tree.resolve("src").toString(), tree.resolve("docs").toString(),
                tree.resolve("config/.env").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.outLines()).containsExactly(
                tree.resolve("src/App.java") + ":3:15: token " + id(leaked) + " (revoked)",
                tree.resolve("docs/notes.md") + ":1:8: token " + id(innocent)
                        + " (not a live token of this database; left alone)",
                tree.resolve("config/.env") + ":1:5: token " + id(alsoLeaked) + " (revoked)",
                "3 tokens found in 3 of 3 files scanned");
        assertThat(state(leaked)).isEqualTo(TokenState.REVOKED);
        assertThat(state(alsoLeaked)).isEqualTo(TokenState.REVOKED);
        assertThat(state(innocent)).isEqualTo(TokenState.ACTIVE);
        assertThat(databases.store.find(id(leaked)).orElseThrow().revokedBy()).isEqualTo("leak-scanner");
        assertThat(cli().run("check", "--token", innocent).exitCode()).isZero();
        assertThat(cli().run("check", "--token", leaked).errLines())
                .containsExactly("rejected: revoked (token " + id(leaked) + ")");
    }

    @Test
    void nearMissesAreNotReported(@TempDir Path clean) throws IOException {
        String real = create("frank");
        String body = real.substring(4);
        Files.writeString(clean.resolve("near-misses.txt"), String.join("\n",
                ForgedTokens.badChecksum(real),
                real.substring(0, real.length() - 1),
                "x" + real,
                real + "Q",
                real.replace("pat_", "PAT_"),
                real.replace("pat_", "gat_"),
                "pat-" + body,
                "pat_" + body.substring(0, 20) + "\n" + body.substring(20),
                "pat_",
                "pat__" + body), StandardCharsets.UTF_8);
        Files.createDirectories(clean.resolve(".git/objects"));
        Files.writeString(clean.resolve(".git/objects/pack.txt"), real);
        Files.write(clean.resolve("image.png"), ("\u0000PNG" + real).getBytes(StandardCharsets.US_ASCII));
        Cli.Result r = cli().run("scan", clean.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly("no tokens found in 1 file scanned");
        assertThat(r.err()).isEmpty();
        assertThat(state(real)).isEqualTo(TokenState.ACTIVE);
    }

    @Test
    void scanningWithoutRevokeNeedsNoDatabase() {
        Cli.Result r = new Cli(Map.of(), home, (location, create, deadlines) -> {
            throw new AssertionError("scan without --revoke must not open the database");
        }).run("scan", tree.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.outLines()).hasSize(4);
    }

    private TokenState state(String token) {
        return databases.store.find(id(token)).orElseThrow().revoked() ? TokenState.REVOKED : TokenState.ACTIVE;
    }
}
