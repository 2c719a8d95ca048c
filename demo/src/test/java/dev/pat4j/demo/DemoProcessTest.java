package dev.pat4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.cli.PatCli;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.InstalledProgram;
import dev.pat4j.token.TokenFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pat demo} as a user runs it: its own JVM on a free port and an H2 file database, with
 * the CLI in other JVMs on the same database while it serves. Proves the printed curl lines,
 * the statuses of both adapters, and that a revoke by the CLI reaches the running demo.
 */
class DemoProcessTest {
    /** The bound the CLI documents for a revoke to reach a running demo (change-feed polling every second). */
    static final Duration DOCUMENTED_BOUND = Duration.ofSeconds(2);
    private static final Pattern SERVING = Pattern.compile("pat demo: serving http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ANSWERING = Pattern.compile("pat serve-auth: answering on (http://127\\.0\\.0\\.1:\\d+/auth)");
    private static final Pattern TOKEN = Pattern.compile("^  (pat_[0-9A-Za-z]{50})$");
    private static final Pattern PAGE = Pattern.compile("pat demo: open (http://127\\.0\\.0\\.1:\\d+/tokens/) in a browser.*");
    private static final Pattern SIGN_IN = Pattern.compile("^  sign in as (\\w+) / ([0-9A-Za-z]+) ");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDemoServesBothAdaptersAndHonoursARevokeMadeByTheCliInAnotherProcess() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("pat").toAbsolutePath();
        Path demoErr = dir.resolve("demo.err");
        Process demo = java(dir, demoErr, "demo", "--port", "0", "--db", db);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = pump(demo, lines);
        boolean exited;
        try {
            List<String> banner = readBanner(lines, demo, demoErr);
            int port = banner.stream().map(SERVING::matcher).filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
            String demoToken = banner.stream().map(TOKEN::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1)).findFirst().orElseThrow();
            String base = "http://127.0.0.1:" + port;

            // the token page first: its URL on the banner's first line, then who may sign in
            Matcher page = PAGE.matcher(banner.get(0));
            assertThat(page.matches()).as(banner.get(0)).isTrue();
            assertThat(page.group(1)).isEqualTo(base + "/tokens/");
            Map<String, String> passwords = new HashMap<>();
            for (String line : banner) {
                Matcher signIn = SIGN_IN.matcher(line);
                if (signIn.find()) {
                    passwords.put(signIn.group(1), signIn.group(2));
                }
            }
            assertThat(passwords).containsOnlyKeys("demo", "alice", "admin");
            for (String user : passwords.keySet()) {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                        .connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> toLogin = browser.send(HttpRequest.newBuilder(URI.create(page.group(1))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(toLogin.statusCode()).as("the container's login first").isEqualTo(302);
                HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password="
                                + passwords.get(user))).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).as("%s signs in", user).isEqualTo(303);
                HttpResponse<String> html = browser.send(HttpRequest.newBuilder(URI.create(page.group(1))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(html.statusCode()).isEqualTo(200);
                assertThat(html.headers().firstValue("Content-Security-Policy")).get().asString()
                        .startsWith("default-src 'self';").contains("frame-ancestors 'none'");
                assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(html.body()).contains("data-api=\"/manage\"", "src=\"/tokens/page.js\"");
                HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(base + "/manage/me")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(me.body()).isEqualTo("{\"name\":\"" + user + "\",\"administrator\":"
                        + user.equals("admin") + "}");
            }

            // every printed curl line does what it says
            List<String> curlLines = banner.stream().filter(l -> l.startsWith("  curl ")).toList();
            assertThat(curlLines).hasSize(7);
            for (String line : curlLines) {
                CurlLine curl = CurlLine.parse(line);
                HttpResponse<String> response = http.send(curl.request(), HttpResponse.BodyHandlers.ofString());
                int expected = curl.expectedStatus() == null ? 200 : curl.expectedStatus();
                assertThat(response.statusCode()).as(line).isEqualTo(expected);
                if (line.contains("/manage/tokens ")) { // the management API, behind the demo user's login
                    assertThat(response.body()).as(line).contains("\"tokens\":[").contains("\"owner\":\"demo\"")
                            .doesNotContain(demoToken);
                }
                if (line.contains("/auth ")) { // the forward-auth line: what a proxy would pass upstream
                    assertThat(response.headers().firstValue("X-Pat4j-Owner")).as(line).hasValue("demo");
                }
            }
            // the printed clone command, run by the real git client
            String clone = banner.stream().filter(l -> l.startsWith("  git clone ")).findFirst().orElseThrow();
            ProcessBuilder gitClone = new ProcessBuilder(InstalledProgram.require("git", "git", "/usr/bin/git").toString(),
                    "clone", clone.trim().split("\\s+")[2], dir.resolve("clone").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("git.out").toFile());
            gitClone.environment().put("HOME", dir.toString()); // none of the user's git configuration
            gitClone.environment().put("GIT_TERMINAL_PROMPT", "0");
            Process git = gitClone.start();
            assertThat(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0)
                    .as("%s: %s", clone, Files.readString(dir.resolve("git.out"))).isTrue();
            assertThat(dir.resolve("clone/README.md")).exists();

            assertThat(get(base + "/api/whoami", basic(demoToken)).body())
                    .contains("\"owner\":\"demo\"", "\"tokenId\":\"" + TokenFormat.standard().idOf(demoToken) + "\"",
                            "\"scopes\":[\"code:read\"]");

            // the console sender prints the demo token's notices, one line each, without its secret
            String demoId = TokenFormat.standard().idOf(demoToken);
            String createdNotice = awaitLine(lines, "notice: created: token " + demoId + " (\"pat demo\") of demo");
            assertThat(createdNotice).contains(", by pat-demo", "[key " + demoId + ":created, attempt 1]")
                    .doesNotContain(demoToken.substring(16));
            // and the mail the owner would get, rendered by pat4j-mail (DemoMail), printed after it
            awaitLine(lines, "mail: Subject: New personal access token \"pat demo\" on pat demo");
            assertThat(awaitLine(lines, "notice: expiring: token " + demoId)).contains("(within 7d)")
                    .doesNotContain(demoToken.substring(16));

            // a token made by the CLI in another JVM while the demo holds the database
            CliResult created = cliProcess("create", "--owner", "alice", "--name", "laptop", "--expires-in", "1d",
                    "--scope", "code:read", "--db", db);
            assertThat(created.exitCode()).as(created.toString()).isZero();
            String token = created.lastOutLine();
            String id = TokenFormat.standard().idOf(token);
            // its notice was written to the database's outbox by that process and is delivered by the demo
            assertThat(awaitLine(lines, "notice: created: token " + id + " (\"laptop\") of alice"))
                    .doesNotContain(token.substring(16));

            for (String prefix : List.of("/api", "/rest")) {
                HttpResponse<String> whoami = get(base + prefix + "/whoami", "Bearer " + token);
                assertThat(whoami.statusCode()).as(prefix).isEqualTo(200);
                assertThat(whoami.body()).contains("\"owner\":\"alice\"", "\"tokenId\":\"" + id + "\"",
                        "\"scopes\":[\"code:read\"]");
                assertThat(get(base + prefix + "/repos", basic(token)).statusCode()).as(prefix).isEqualTo(200);
                HttpResponse<String> post = post(base + prefix + "/repos", basic(token), "name=x");
                assertThat(post.statusCode()).as(prefix).isEqualTo(403);
                assertThat(post.headers().firstValue("WWW-Authenticate")).get().asString()
                        .contains("insufficient_scope");
                HttpResponse<String> anonymous = get(base + prefix + "/repos", null);
                assertThat(anonymous.statusCode()).as(prefix).isEqualTo(401);
                assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic"));
                assertThat(get(base + prefix + "/repos", "Bearer " + Fixtures.lookAlike(token))
                        .statusCode()).as(prefix).isEqualTo(401);
            }

            // the demo serves organization 'demo' only: a token bound to another one is refused
            CliResult elsewhere = cliProcess("create", "--owner", "alice", "--name", "globex", "--org", "globex",
                    "--expires-in", "1d", "--scope", "code:read", "--db", db);
            assertThat(elsewhere.exitCode()).as(elsewhere.toString()).isZero();
            for (String prefix : List.of("/api", "/rest")) {
                assertThat(get(base + prefix + "/whoami", "Bearer " + elsewhere.lastOutLine()).statusCode())
                        .as(prefix).isEqualTo(401);
            }

            CliResult revoked = cliProcess("revoke", id, "--actor", "alice", "--db", db);
            assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
            long revokedAt = System.nanoTime();
            long seenApi = pollUntil401(base + "/api/repos", token, revokedAt);
            long seenRest = pollUntil401(base + "/rest/repos", token, revokedAt);
            Duration delay = Duration.ofNanos(Math.max(seenApi, seenRest) - revokedAt);
            System.out.println("DemoProcessTest: revoke by the CLI process refused by the demo after " + delay.toMillis()
                    + " ms (/api " + (seenApi - revokedAt) / 1_000_000 + " ms, /rest " + (seenRest - revokedAt) / 1_000_000
                    + " ms)");
            assertThat(delay).isLessThanOrEqualTo(DOCUMENTED_BOUND);

            // the demo token was untouched by all this
            assertThat(get(base + "/rest/repos", basic(demoToken)).statusCode()).isEqualTo(200);
        } finally {
            demo.destroy(); // SIGTERM: the shutdown hook stops Jetty and closes pat4j and the pool
            exited = demo.waitFor(15, TimeUnit.SECONDS);
            if (!exited) {
                demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5000);
        }
        assertThat(exited).as("demo stops on SIGTERM").isTrue();
        assertThat(Files.readString(demoErr)).contains("pat demo: stopped").doesNotContain("Exception");
    }

    /**
     * {@code pat serve-auth} as an operator runs it in front of a non-JVM service: its own JVM on
     * the database the CLI manages, asked as a proxy asks (the original URI in a header). A valid
     * token gets 200 with the identity headers (never the client's own) and {@code no-store}, a
     * missing one 401 with the challenges, TRACE 405, a missing scope 403, and a revoke by the CLI
     * is honoured within the bound.
     */
    @Test
    void serveAuthAnswersAProxyOnTheCliDatabaseAndHonoursARevoke() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("pat").toAbsolutePath();
        CliResult created = cliProcess("create", "--owner", "alice", "--name", "registry", "--expires-in", "1d",
                "--scope", "packaging:read", "--db", db);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String token = created.lastOutLine();
        Path err = dir.resolve("serve-auth.err");
        Process server = java(dir, err, "serve-auth", "--port", "0", "--db", db);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = pump(server, lines);
        boolean exited;
        try {
            String url = readBanner(lines, server, err).stream().map(ANSWERING::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElseThrow();
            HttpResponse<String> ok = ask(url, basic(token), "packaging:read", "alice-forged");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().allValues("X-Pat4j-Owner")).containsExactly("alice");
            assertThat(ok.headers().firstValue("X-Pat4j-Token-Id")).hasValue(TokenFormat.standard().idOf(token));
            HttpResponse<String> anonymous = ask(url, null, "packaging:read", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic"));
            HttpResponse<String> trace = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .method("TRACE", HttpRequest.BodyPublishers.noBody()).header("Authorization", basic(token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(trace.statusCode()).as("TRACE, which would echo the token").isEqualTo(405);
            assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");
            HttpResponse<String> scope = ask(url, basic(token), "packaging:write", null);
            assertThat(scope.statusCode()).isEqualTo(403);
            assertThat(scope.headers().firstValue("WWW-Authenticate")).get().asString().contains("insufficient_scope");

            CliResult revoked = cliProcess("revoke", TokenFormat.standard().idOf(token), "--actor", "alice", "--db", db);
            assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
            long revokedAt = System.nanoTime();
            long deadline = revokedAt + TimeUnit.SECONDS.toNanos(10);
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                status = ask(url, basic(token), "packaging:read", null).statusCode();
                Thread.sleep(20);
            }
            assertThat(status).isEqualTo(401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(DOCUMENTED_BOUND);
        } finally {
            server.destroy();
            exited = server.waitFor(15, TimeUnit.SECONDS);
            if (!exited) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5000);
        }
        assertThat(exited).as("serve-auth stops on SIGTERM").isTrue();
        assertThat(Files.readString(err)).doesNotContain("Exception").doesNotContain(token);
    }

    private HttpResponse<String> ask(String url, String authorization, String scope, String forgedOwner)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET()
                .header("X-Forwarded-Method", "GET").header("X-Forwarded-Uri", "/packages/app.tgz")
                .header("X-Pat4j-Required-Scope", scope);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (forgedOwner != null) {
            b.header("X-Pat4j-Owner", forgedOwner);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls (bounded: at most 10 s) until the token is refused; returns when (System.nanoTime) it was. */
    private long pollUntil401(String url, String token, long since) throws Exception {
        long deadline = since + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            int status = get(url, basic(token)).statusCode();
            if (status == 401) {
                return System.nanoTime();
            }
            assertThat(status).as(url).isEqualTo(200);
            Thread.sleep(20);
        }
        throw new AssertionError("the demo still accepted the revoked token after 10 s at " + url);
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String authorization, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString((":" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs one CLI command in its own JVM and waits (at most a minute) for it. */
    private CliResult cliProcess(String... args) throws Exception {
        Path err = Files.createTempFile(dir, "cli", ".err");
        Path out = Files.createTempFile(dir, "cli", ".out");
        List<String> command = javaCommand(args);
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pat " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Process java(Path workingDirectory, Path stderr, String... args) throws IOException {
        return new ProcessBuilder(javaCommand(args)).directory(workingDirectory.toFile())
                .redirectError(stderr.toFile()).start();
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        boolean serves = args.length > 0 && (args[0].equals("demo") || args[0].equals("serve-auth"));
        command.add((serves ? PatDemo.class : PatCli.class).getName());
        command.addAll(List.of(args));
        return command;
    }

    /** What one CLI process printed and returned. */
    private record CliResult(int exitCode, String out, String err) {
        String lastOutLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private static Thread pump(Process process, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "demo-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The next line of stdout starting with {@code start}, skipping others; fails if none comes within 60 s. */
    private static String awaitLine(BlockingQueue<String> lines, String start) throws InterruptedException {
        List<String> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(start)) {
                return line;
            }
            if (line != null) {
                skipped.add(line);
            }
        }
        throw new AssertionError("no line starting with '" + start + "' within 60 s; got " + skipped);
    }

    /** The banner up to its last line; fails with the demo's stderr if it does not come within 90 s. */
    private static List<String> readBanner(BlockingQueue<String> lines, Process demo, Path demoErr) throws Exception {
        List<String> banner = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                banner.add(line);
                if (line.equals("Press Ctrl-C to stop.")) {
                    return banner;
                }
            } else if (!demo.isAlive()) {
                break;
            }
        }
        throw new AssertionError("the demo did not start; stdout: " + banner + "; stderr: " + Files.readString(demoErr));
    }
}
