package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.testkit.HostileHeaders;
import jakarta.servlet.ServletContainerInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user of the filter sees over real HTTP, the same on every container: each subclass
 * starts one container with the filter registered through {@code ServletContext.addFilter}
 * exactly as the README shows, in front of {@link EchoServlet} under context path {@code /ctx}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterContract {
    static final String CONTEXT = "/ctx";
    static final String BASIC_CHALLENGE = "Basic realm=\"acme\", charset=\"UTF-8\"";
    static final String BEARER_CHALLENGE = "Bearer realm=\"acme\"";

    TestWorld world;
    EchoServlet app;
    TestServer server;
    HttpProbe http;

    /** Starts the container under test with {@code setup} as its web application initializer. */
    protected abstract TestServer start(String contextPath, ServletContainerInitializer setup) throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        world = new TestWorld();
        app = new EchoServlet();
        Pat4jFilter filter = Pat4jFilter.builder(world.pat4j)
                .require("GET", "/api/repos/*", "code:read")
                .require("POST", "/api/repos/*", "code:write")
                .require("*", "/admin/*", "*")
                .anonymous("/health")
                .organizationFrom(OrganizationResolver.header("X-Org"))
                .realm("acme")
                .build();
        server = start(CONTEXT, (classes, context) -> {
            context.addFilter("pat4j", filter).addMappingForUrlPatterns(null, false, "/*");
            context.addServlet("echo", app).addMapping("/api/*", "/health", "/");
        });
        http = new HttpProbe(server.port(), CONTEXT);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        world.close();
    }

    // ---- the hostile header matrix ---------------------------------------------------------

    Stream<HostileHeaders.Case> hostileHeaders() {
        List<HostileHeaders.Case> cases = HostileHeaders.matrix(world.hostileTokens());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileHeaders")
    void hostileHeaderGets401WithBothChallengesAndTheSameBody(HostileHeaders.Case hostile) {
        HttpProbe.Reply reference = http.send("GET", "/api/repos", List.of());

        HttpProbe.Reply reply = http.send("GET", "/api/repos", hostile.values());

        if (forbiddenInAFieldValue(hostile)) {
            // RFC 9110 forbids control characters such as NUL in a field value: both containers
            // answer 400 while parsing, before any filter runs. The request still gets nowhere.
            assertThat(reply.status()).as("%s: status (sent by %s)", hostile, reply.transport()).isEqualTo(400);
            assertThat(reply.body()).doesNotContain("GET /api/repos", "principal");
            return;
        }

        assertThat(reply.status()).as("%s: status (sent by %s), body %s", hostile, reply.transport(), reply.body())
                .isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).containsExactly(BASIC_CHALLENGE, BEARER_CHALLENGE);
        assertThat(reply.body()).isEqualTo(reference.body()).isEqualTo("401 Unauthorized\n");
        assertThat(reply.header("Cache-Control")).containsExactly("no-store");
    }

    private static boolean forbiddenInAFieldValue(HostileHeaders.Case hostile) {
        return hostile.values().stream().anyMatch(v -> v.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F));
    }

    Stream<String> acceptedForms() {
        return HostileHeaders.acceptedForms(world.reader.token()).stream();
    }

    @ParameterizedTest
    @MethodSource("acceptedForms")
    void everyAcceptedFormAuthenticates(String header) {
        HttpProbe.Reply reply = http.send("GET", "/api/repos", List.of(header));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("GET /api/repos", "principal=alice");
    }

    // ---- scopes -----------------------------------------------------------------------------

    @Test
    void readTokenCanReadButNotWrite() {
        int before = app.posts.get();

        assertThat(http.send("GET", "/api/repos", bearer(world.reader)).status()).isEqualTo(200);
        HttpProbe.Reply post = http.send("POST", "/api/repos", bearer(world.reader));

        assertThat(post.status()).isEqualTo(403);
        assertThat(post.header("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"acme\", error=\"insufficient_scope\", scope=\"code:write\"");
        assertThat(post.body()).isEqualTo("403 Forbidden\n");
        assertThat(app.posts.get()).isEqualTo(before);
    }

    @Test
    void manageImpliesWrite() {
        int before = app.posts.get();

        HttpProbe.Reply post = http.send("POST", "/api/repos/42", bearer(world.manager));

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).contains("POST /api/repos/42", "principal=carol");
        assertThat(app.posts.get()).isEqualTo(before + 1);
    }

    @Test
    void fullAccessPassesEverything() {
        assertThat(http.send("GET", "/api/repos", bearer(world.full)).status()).isEqualTo(200);
        assertThat(http.send("POST", "/api/repos", bearer(world.full)).status()).isEqualTo(200);
        assertThat(http.send("GET", "/admin/settings", bearer(world.full)).status()).isEqualTo(200);
        assertThat(http.send("GET", "/api/whoami", bearer(world.full)).body())
                .contains("code:manage=true", "principal=root");
    }

    @Test
    void adminNeedsFullAccess() {
        HttpProbe.Reply reply = http.send("GET", "/admin/settings", bearer(world.manager));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"acme\", error=\"insufficient_scope\", scope=\"*\"");
    }

    @Test
    void headFollowsTheGetRule() {
        IssuedToken statusOnly = world.issue("dave", TestWorld.ORG, "code:status");

        assertThat(http.send("GET", "/api/repos", bearer(statusOnly)).status()).isEqualTo(403);
        assertThat(http.send("HEAD", "/api/repos", bearer(statusOnly)).status()).isEqualTo(403);
        assertThat(http.send("HEAD", "/api/repos", bearer(world.reader)).status()).isEqualTo(200);
    }

    // ---- the authenticated request ----------------------------------------------------------

    @Test
    void requestCarriesThePrincipal() {
        HttpProbe.Reply reply = http.send("GET", "/api/whoami", bearer(world.writer));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("GET /api/whoami\n"
                + "principal=bob\n"
                + "remoteUser=bob\n"
                + "authType=PAT\n"
                + "code:read=true\n"
                + "code:write=true\n"
                + "code:manage=false\n"
                + "**=true\n"
                + "attribute=" + world.writer.info().id() + "\n");
    }

    @Test
    void unmatchedPathNeedsAnyValidToken() {
        assertThat(http.send("GET", "/api/whoami", List.of()).status()).isEqualTo(401);
        assertThat(http.send("GET", "/api/whoami", bearer(world.revoked)).status()).isEqualTo(401);
        assertThat(http.send("GET", "/elsewhere", bearer(world.reader)).status()).isEqualTo(200);
    }

    // ---- anonymous paths --------------------------------------------------------------------

    @Test
    void anonymousPathPassesWithoutHeader() {
        HttpProbe.Reply reply = http.send("GET", "/health", List.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("principal=null", "authType=null", "attribute=null");
    }

    @Test
    void anonymousPathStillAuthenticatesAValidToken() {
        HttpProbe.Reply reply = http.send("GET", "/health", bearer(world.reader));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("principal=alice", "authType=PAT");
    }

    @Test
    void anonymousPathRefusesABadToken() {
        HttpProbe.Reply revoked = http.send("GET", "/health", bearer(world.revoked));
        HttpProbe.Reply twice = http.send("GET", "/health", List.of("Bearer " + world.reader.token(),
                "Bearer " + world.reader.token()));

        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.header("WWW-Authenticate")).containsExactly(BASIC_CHALLENGE, BEARER_CHALLENGE);
        assertThat(twice.status()).isEqualTo(401);
    }

    // ---- organizations ----------------------------------------------------------------------

    @Test
    void organizationComesFromTheHeader() {
        IssuedToken other = world.otherOrganization;

        assertThat(http.send("GET", "/api/repos", bearer(other)).status()).isEqualTo(401);
        assertThat(http.send("GET", "/api/repos", bearer(other), Map.of("X-Org", List.of("other"))).status())
                .isEqualTo(200);
        assertThat(http.send("GET", "/api/repos", bearer(world.reader), Map.of("X-Org", List.of("other"))).status())
                .isEqualTo(401);
        assertThat(http.send("GET", "/api/repos", bearer(world.full), Map.of("X-Org", List.of("other"))).status())
                .as("an all-organization token").isEqualTo(200);
    }

    @Test
    void organizationSentTwiceIsABadRequest() {
        HttpProbe.Reply reply = http.send("GET", "/api/repos", bearer(world.reader),
                Map.of("X-Org", List.of("acme", "other")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("400 Bad Request\n");
    }

    // ---- lifecycle and store ----------------------------------------------------------------

    @Test
    void revocationIsHonouredOnTheNextRequest() {
        IssuedToken token = world.issue("erin", TestWorld.ORG, "code:read");
        assertThat(http.send("GET", "/api/repos", bearer(token)).status()).isEqualTo(200);

        world.pat4j.tokens().revoke(token.info().id(), Actor.user("erin"));

        assertThat(http.send("GET", "/api/repos", bearer(token)).status()).isEqualTo(401);
    }

    @Test
    void expiryIsHonouredOnTheNextRequest() {
        IssuedToken token = world.issue("erin", TestWorld.ORG, "code:read");
        assertThat(http.send("GET", "/api/repos", bearer(token)).status()).isEqualTo(200);
        try {
            world.clock.advance(Duration.ofDays(30));
            assertThat(http.send("GET", "/api/repos", bearer(token)).status()).isEqualTo(401);
        } finally {
            world.clock.set(TestWorld.NOW);
        }
    }

    @Test
    void storeDownGives503WithRetryAfter() {
        IssuedToken neverSeen = world.issue("frank", TestWorld.ORG, "code:read");
        world.store.setDown(true);
        HttpProbe.Reply reply;
        try {
            reply = http.send("GET", "/api/repos", bearer(neverSeen));
        } finally {
            world.store.setDown(false);
        }

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).containsExactly("5");
        assertThat(reply.header("WWW-Authenticate")).isEmpty();
        assertThat(reply.body()).isEqualTo("503 Service Unavailable\n");
        assertThat(http.send("GET", "/api/repos", bearer(neverSeen)).status()).as("store back").isEqualTo(200);
    }

    // ---- path tricks ------------------------------------------------------------------------

    Stream<String> writeBypassTargets() {
        return Stream.of(
                "/api/../api/repos", "/api//repos", "//api/repos", "/api/repos/", "/api/./repos",
                "/api/repos;x=1", "/api;x=1/repos", "/api/repos;jsessionid=ABC", "/api/x/..;/repos",
                "/api/%2e%2e/api/repos", "/api/%2E%2E/api/repos", "/api/repos/%2e%2e/repos", "/api/repos/%2e",
                "/%61pi/repos", "/api/%72epos", "/api/repos%2f", "/api%2frepos", "/api/repos%3bx=1",
                "/api/repos%00", "/api/%252e%252e/api/repos", "/api/repos%5c..%5c", "/api/repos/.%2e/repos")
                .map(t -> CONTEXT + t);
    }

    @ParameterizedTest
    @MethodSource("writeBypassTargets")
    void pathTricksNeverLetAReadTokenWrite(String target) {
        int before = app.posts.get();

        HttpProbe.Reply reply = http.raw("POST", target, bearer(world.reader), Map.of("X-Org", List.of("acme")));

        assertThat(reply.status()).as("status for %s: %s", target, reply.body()).isIn(400, 401, 403, 404);
        assertThat(app.posts.get()).as("POSTs the application executed").isEqualTo(before);
    }

    Stream<Arguments> anonymousBypassTargets() {
        return Stream.of("/health/../api/repos", "/health/..;/api/repos", "/health;/../api/repos",
                        "/health/%2e%2e/api/repos", "/health%2f..%2fapi/repos", "/health/.%2e/api/repos",
                        "/health/%2e%2e%2fapi/repos", "/./health/../api/repos")
                .map(t -> Arguments.of(CONTEXT + t));
    }

    @ParameterizedTest
    @MethodSource("anonymousBypassTargets")
    void pathTricksNeverReachAProtectedPathAnonymously(String target) {
        HttpProbe.Reply reply = http.raw("GET", target, List.of(), Map.of());

        assertThat(reply.status()).as("status for %s: %s", target, reply.body()).isIn(400, 401, 403, 404);
        assertThat(reply.body()).doesNotContain("GET /api");
    }

    // ---- logs -------------------------------------------------------------------------------

    @Test
    void logsSayWhyWithTheTokenIdButNeverTheSecret() {
        String log;
        try (LogCapture capture = new LogCapture()) {
            http.send("GET", "/api/repos", bearer(world.revoked));
            http.send("GET", "/api/repos", bearer(world.expired));
            http.send("GET", "/api/repos", bearer(world.otherOrganization));
            http.send("POST", "/api/repos", bearer(world.reader));
            http.send("GET", "/api/repos", List.of(HostileHeaders.basic("x", world.writer.token() + "A")));
            http.send("GET", "/api/repos", bearer(world.manager));
            log = capture.text();
        }

        assertThat(log).contains("401 GET /api/repos: REVOKED (token " + world.revoked.info().id() + ")");
        assertThat(log).contains("401 GET /api/repos: EXPIRED (token " + world.expired.info().id() + ")");
        assertThat(log).contains("401 GET /api/repos: WRONG_ORGANIZATION (token "
                + world.otherOrganization.info().id() + ")");
        assertThat(log).contains("403 POST /api/repos: token " + world.reader.info().id()
                + " of alice lacks [code:write]");
        assertThat(log).contains("401 GET /api/repos: MALFORMED (token -)");
        for (IssuedToken t : List.of(world.revoked, world.expired, world.otherOrganization, world.reader,
                world.writer, world.manager)) {
            assertThat(log).doesNotContain(TestWorld.secretOf(t));
        }
    }

    static List<String> bearer(IssuedToken token) {
        return List.of("Bearer " + token.token());
    }
}
