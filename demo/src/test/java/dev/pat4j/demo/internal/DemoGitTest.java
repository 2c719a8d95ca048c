package dev.pat4j.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.InstalledProgram;
import dev.pat4j.testkit.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code git} client (Debian's) against the demo's Git repository behind pat4j's
 * servlet filter, over smart HTTP on a free port: the seed's "use this token as your password".
 * Each command runs with a HOME of its own and no terminal prompt, so a refused credential fails
 * the command instead of waiting for a password.
 */
class DemoGitTest {
    private static final String ORG = DemoServer.ORGANIZATION;

    @TempDir
    Path dir;

    private Path git;
    private Pat4j pat4j;
    private DemoServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        git = InstalledProgram.require("git", "git", "/usr/bin/git");
        pat4j = Fixtures.builder(new MutableClock(Fixtures.START), new InMemoryTokenStore()).build();
        server = DemoServer.start(pat4j, 0, dir.resolve("server"));
        url = "127.0.0.1:" + server.port() + DemoServer.GIT_PATH + "/" + DemoGit.REPOSITORY;
        Files.createDirectories(dir.resolve("home"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        pat4j.close();
    }

    @Test
    void cloneWorksWithAReadTokenAsThePasswordOfAnyUserName() throws Exception {
        String token = token("code:read");
        for (String user : List.of("anything", "alice", "")) {
            Path clone = dir.resolve("clone-" + user.length());
            GitRun result = git(dir, "clone", "http://" + user + ":" + token + "@" + url, clone.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(Files.readString(clone.resolve("README.md"))).contains("Served by `pat demo` behind pat4j");
        }
    }

    @Test
    void pushIsRefusedWith403ForAReadTokenAndAcceptedForAWriteToken() throws Exception {
        String reader = token("code:read");
        Path clone = dir.resolve("clone");
        assertThat(git(dir, "clone", "http://x:" + reader + "@" + url, clone.toString()).exitCode()).isZero();
        commit(clone, "notes.txt", "from alice\n");

        GitRun refused = git(clone, "push", "origin", "HEAD:main");
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("403");

        String writer = token("code:write");
        GitRun pushed = git(clone, "push", "http://x:" + writer + "@" + url, "HEAD:main");
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();

        Path other = dir.resolve("other");
        assertThat(git(dir, "clone", "http://x:" + reader + "@" + url, other.toString()).exitCode()).isZero();
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("from alice\n");
    }

    @Test
    void aRevokedTokenFailsTheNextFetch() throws Exception {
        String token = token("code:read");
        Path clone = dir.resolve("clone");
        assertThat(git(dir, "clone", "http://x:" + token + "@" + url, clone.toString()).exitCode()).isZero();
        assertThat(git(clone, "fetch").exitCode()).isZero();

        pat4j.tokens().revoke(pat4j.format().idOf(token), Actor.user("alice"));

        GitRun fetch = git(clone, "fetch");
        assertThat(fetch.exitCode()).as(fetch.toString()).isNotZero();
        assertThat(fetch.err()).containsAnyOf("Authentication failed", "401");
    }

    /**
     * Through a credential helper the user name is anything but empty: git (2.39) sends no
     * credential at all when the helper's user name is empty (it reads that as "no
     * credentials"); in the URL an empty one works (the clone test above).
     */
    @Test
    void aStoredCredentialWorksWithAnyUserName() throws Exception {
        assertThat(git(dir, "config", "--global", "credential.helper", "store").exitCode()).isZero();
        for (String user : List.of("git", "whoever")) {
            String token = token("code:read");
            GitRun approve = gitWithInput(dir, "protocol=http\nhost=127.0.0.1:" + server.port() + "\nusername=" + user
                    + "\npassword=" + token + "\n\n", "credential", "approve");
            assertThat(approve.exitCode()).as(approve.toString()).isZero();
            Path clone = dir.resolve("stored-" + user);
            GitRun cloned = git(dir, "clone", "http://" + url, clone.toString());
            assertThat(cloned.exitCode()).as(cloned.toString()).isZero();
            assertThat(clone.resolve("README.md")).exists();
            Files.delete(dir.resolve("home/.git-credentials"));
        }
    }

    private String token(String scope) {
        return Fixtures.create(pat4j, "alice", ORG, Duration.ofDays(1), scope).token();
    }

    private void commit(Path clone, String file, String text) throws Exception {
        Files.writeString(clone.resolve(file), text);
        assertThat(git(clone, "add", file).exitCode()).isZero();
        GitRun commit = git(clone, "-c", "user.name=Alice", "-c", "user.email=alice@example.invalid",
                "commit", "-m", "notes");
        assertThat(commit.exitCode()).as(commit.toString()).isZero();
    }

    private GitRun git(Path workingDirectory, String... args) throws Exception {
        return gitWithInput(workingDirectory, null, args);
    }

    private GitRun gitWithInput(Path workingDirectory, @Nullable String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(git.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", dir.resolve("home").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", "/bin/false");
        env.remove("SSH_ASKPASS");
        Path out = Files.createTempFile(dir, "git", ".out");
        Path err = Files.createTempFile(dir, "git", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("git " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new GitRun(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** What one git command returned and printed. */
    private record GitRun(int exitCode, String out, String err) {
    }
}
