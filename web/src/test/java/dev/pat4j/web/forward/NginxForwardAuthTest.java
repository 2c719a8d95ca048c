package dev.pat4j.web.forward;

import dev.pat4j.testkit.InstalledProgram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.http.AccessRules;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.testkit.http.ConformanceTokens;
import dev.pat4j.testkit.http.ConformanceWorld;
import dev.pat4j.web.Pat4jWeb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * pat4j in front of a service that is no JVM application, the way an operator deploys it: a
 * real nginx (Debian's package) with the documented configuration ({@code nginx-forward-auth.conf},
 * shown by web/README.md) asks the forward-auth servlet on Jetty about every request, and
 * either proxies to an upstream that echoes the identity it receives or serves a bare Git
 * repository as static files. Driven by the real {@code curl}, {@link HttpClient} and the real
 * {@code git} client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxForwardAuthTest {
    static final String BASIC = "Basic realm=\"pat4j\", charset=\"UTF-8\"";

    @TempDir
    static Path folder;

    ConformanceWorld world;
    ConformanceTokens t;
    Jetty jetty;
    Nginx nginx;
    Path git;
    Path curl;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void start() throws Exception {
        Path nginxProgram = InstalledProgram.require("nginx", "nginx", "/usr/sbin/nginx");
        git = InstalledProgram.require("git", "git", "/usr/bin/git");
        curl = InstalledProgram.require("curl", "curl", "/usr/bin/curl");
        world = new ConformanceWorld();
        t = world.tokens();
        AccessRules rules = AccessRules.builder()
                .require("GET", "/app/*", "code:read")
                .require("POST", "/app/*", "code:write")
                .anonymous("/app/public/*")
                .build();
        jetty = Jetty.serve(Map.of(
                "/auth", Pat4jWeb.forwardAuth(world.pat4j()).rules(rules)
                        .organizationFrom(request -> ConformanceWorld.ORG)
                        .retryAfter(Duration.ofSeconds(7)).build(),
                "/app/*", new EchoServlet()));
        Path site = folder.resolve("site");
        publishRepository(site.resolve("git/repo.git"));
        nginx = Nginx.start(nginxProgram, folder.resolve("nginx"), Map.of(
                "PAT4J_AUTH", jetty.base() + "/auth",
                "UPSTREAM", jetty.base().toString(),
                "SITE_ROOT", site.toString()));
    }

    @AfterEach
    void storeBack() {
        world.store().setDown(false);
    }

    @AfterAll
    void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (jetty != null) {
            jetty.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void curlWithAValidTokenReachesTheUpstreamAsItsOwnerWithoutTheToken() throws Exception {
        Reply reply = curl("-u", "ci:" + t.reader().token(), nginx.base() + "/app/hello");

        assertThat(reply.status).as(nginx.errorLog()).isEqualTo(200);
        assertThat(reply.body).contains("GET /app/hello\n", "x-pat4j-owner: alice\n",
                "x-pat4j-token-id: " + t.reader().info().id() + "\n");
        assertThat(reply.body).doesNotContain("authorization").doesNotContain(t.reader().token());
    }

    @Test
    void curlWithABadTokenGets401WithTheChallengeSoClientsPrompt() throws Exception {
        Reply reply = curl("-u", "ci:" + t.reader().token() + "A", nginx.base() + "/app/hello");

        assertThat(reply.status).isEqualTo(401);
        // nginx 1.23+ passes every WWW-Authenticate of the endpoint on; 1.22 (Debian 12) the first one
        assertThat(reply.headers("www-authenticate")).contains(BASIC);
        assertThat(reply.body).doesNotContain("x-pat4j");
        assertThat(curl(nginx.base() + "/app/hello").headers("www-authenticate")).contains(BASIC);
    }

    @Test
    void aMissingScopeGets403WithItsInsufficientScopeChallengeIntact() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/app/repos"))
                .POST(HttpRequest.BodyPublishers.ofString("name=x"))
                .header("Authorization", "Bearer " + t.reader().token()));

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"pat4j\", error=\"insufficient_scope\", scope=\"code:write\"");
        assertThat(reply.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(reply.body()).doesNotContain("x-pat4j");

        HttpResponse<String> writer = send(HttpRequest.newBuilder(uri("/app/repos"))
                .POST(HttpRequest.BodyPublishers.ofString("name=x"))
                .header("Authorization", "Bearer " + t.writer().token()));
        assertThat(writer.statusCode()).isEqualTo(200);
        assertThat(writer.body()).contains("POST /app/repos\n", "x-pat4j-owner: bob\n");
    }

    @Test
    void aStoreOutageReachesTheClientAs503WithRetryAfter() throws Exception {
        IssuedToken fresh = world.issue("grace", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        world.store().setDown(true);

        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/app/hello"))
                .header("Authorization", "Bearer " + fresh.token()));

        assertThat(reply.statusCode()).as(nginx.errorLog()).isEqualTo(503);
        assertThat(reply.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(reply.body()).doesNotContain("x-pat4j");

        world.store().setDown(false);
        assertThat(send(HttpRequest.newBuilder(uri("/app/hello")).header("Authorization", "Bearer " + fresh.token()))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aClientSentOwnerHeaderNeverReachesTheUpstreamAsIdentity() throws Exception {
        HttpResponse<String> withToken = send(HttpRequest.newBuilder(uri("/app/hello"))
                .header("Authorization", "Bearer " + t.reader().token())
                .header("X-Pat4j-Owner", "mallory")
                .header("X-Pat4j-Scopes", "*"));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("x-pat4j-owner: alice\n").doesNotContain("mallory")
                .doesNotContain("x-pat4j-scopes: *");

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/app/public/logo"))
                .header("X-Pat4j-Owner", "mallory")
                .header("X-Pat4j-Token-Id", "forged"));
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("GET /app/public/logo\n");

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/app/hello"))
                .header("X-Pat4j-Owner", "alice"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("alice");
    }

    @Test
    void aClientCannotLoosenTheRulesWithTheProxysHeaders() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/app/repos"))
                .POST(HttpRequest.BodyPublishers.ofString("name=x"))
                .header("Authorization", "Bearer " + t.reader().token())
                .header("X-Forwarded-Method", "GET")
                .header("X-Forwarded-Uri", "/app/public/x")
                .header("X-Original-URI", "/app/public/x")
                .header("X-Pat4j-Required-Scope", "code:read"));

        assertThat(reply.statusCode()).isEqualTo(403);
    }

    @Test
    void encodedOrDottedPathsThroughNginxDoNotPassAnAnonymousRule() throws Exception {
        for (String path : List.of("/app/public/%2e%2e/hello", "/app/public/..%2Fhello", "/app/public/.%2E/hello")) {
            Reply reply = curl("--path-as-is", nginx.base() + path);
            assertThat(reply.status).as(path).isEqualTo(400);
            assertThat(reply.body).as(path).doesNotContain("GET /app");
        }
    }

    @Test
    void theEndpointItselfIsNotReachableThroughNginx() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/_pat4j_auth"))
                .header("Authorization", "Bearer " + t.reader().token())).statusCode()).isEqualTo(404);
    }

    @Test
    void revocationIsHonouredOnTheNextRequest() throws Exception {
        IssuedToken token = world.issue("heidi", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/app/hello"))
                .header("Authorization", "Bearer " + token.token());
        assertThat(send(request).statusCode()).isEqualTo(200);

        world.pat4j().tokens().revoke(token.info().id(), Actor.user("heidi"));

        assertThat(send(request).statusCode()).isEqualTo(401);
    }

    @Test
    void gitClonesThroughNginxWithAValidTokenAndNotWithABadOrRevokedOne() throws Exception {
        IssuedToken token = world.issue("ivan", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        Git ok = gitClone("anything:" + token.token(), "with-token");
        assertThat(ok.exit).as(ok.output + nginx.errorLog()).isZero();
        assertThat(Files.readString(ok.target.resolve("README.md"))).isEqualTo("served behind nginx\n");

        Git bad = gitClone("anything:" + token.token() + "A", "with-bad-token");
        assertThat(bad.exit).as(bad.output).isNotZero();
        assertThat(bad.output).contains("Authentication failed"); // git's words for a 401 to its credentials
        Git none = gitClone(null, "without-token");
        assertThat(none.exit).as(none.output).isNotZero();

        world.pat4j().tokens().revoke(token.info().id(), Actor.user("ivan"));
        Git revoked = gitClone("anything:" + token.token(), "with-revoked-token");
        assertThat(revoked.exit).as(revoked.output).isNotZero();
        assertThat(revoked.output).contains("Authentication failed");
        assertThat(revoked.target.resolve("README.md")).doesNotExist();
    }

    @Test
    void gitNeedsTheScopeTheLocationRequires() throws Exception {
        IssuedToken packages = world.issue("judy", ConformanceWorld.ORG, Duration.ofDays(1), "packaging:read");
        Git clone = gitClone("anything:" + packages.token(), "without-code-read");

        assertThat(clone.exit).as(clone.output).isNotZero();
        assertThat(clone.output).contains("403");
    }

    // --- helpers

    URI uri(String path) {
        return URI.create(nginx.base() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    record Reply(int status, Map<String, List<String>> headers, String body) {
        List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    /** Runs the real curl, {@code -s -i}, and parses what it printed. */
    Reply curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-s", "-i", "--max-time", "20"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int split = out.indexOf("\r\n\r\n");
        assertThat(split).as(out).isPositive();
        String[] head = out.substring(0, split).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.computeIfAbsent(head[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(head[i].substring(colon + 1).strip());
        }
        return new Reply(Integer.parseInt(head[0].split(" ")[1]), headers, out.substring(split + 4));
    }

    record Git(int exit, String output, Path target) {
    }

    /** {@code git clone} of the repository nginx serves, with {@code credentials} ({@code user:token}) in the URL. */
    Git gitClone(String credentials, String into) throws IOException, InterruptedException {
        String url = "http://" + (credentials == null ? "" : credentials + "@") + "127.0.0.1:" + nginx.port()
                + "/git/repo.git";
        Path target = folder.resolve("clones").resolve(into);
        Files.createDirectories(target.getParent());
        return new Git(git("clone", url, target.toString()), lastGitOutput, target);
    }

    private String lastGitOutput = "";

    private int git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(git.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path home = folder.resolve("home");
        Files.createDirectories(home);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", "");
        env.remove("SSH_ASKPASS");
        env.put("GIT_AUTHOR_NAME", "pat4j test");
        env.put("GIT_AUTHOR_EMAIL", "test@pat4j.invalid");
        env.put("GIT_COMMITTER_NAME", "pat4j test");
        env.put("GIT_COMMITTER_EMAIL", "test@pat4j.invalid");
        Process process = builder.start();
        lastGitOutput = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("git " + String.join(" ", args)).isTrue();
        return process.exitValue();
    }

    /** A bare repository with one commit, prepared for Git's dumb HTTP protocol ({@code update-server-info}). */
    private void publishRepository(Path bare) throws IOException, InterruptedException {
        Path work = folder.resolve("work");
        Files.createDirectories(work);
        requireGit("init", "-q", "-b", "main", work.toString());
        Files.writeString(work.resolve("README.md"), "served behind nginx\n");
        requireGit("-C", work.toString(), "add", "README.md");
        requireGit("-C", work.toString(), "commit", "-q", "-m", "first");
        Files.createDirectories(bare.getParent());
        requireGit("clone", "-q", "--bare", work.toString(), bare.toString());
        requireGit("-C", bare.toString(), "update-server-info");
    }

    private void requireGit(String... args) throws IOException, InterruptedException {
        int exit = git(args);
        assertThat(exit).as("git " + String.join(" ", args) + ": " + lastGitOutput).isZero();
    }
}
