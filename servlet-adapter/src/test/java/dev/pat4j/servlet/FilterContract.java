package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.testkit.HostileHeaders;
import dev.pat4j.testkit.http.RawHttp;
import jakarta.servlet.ServletContainerInitializer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What only a servlet application sees, the same on every container: the wrapped request
 * (principal, remote user, roles as scopes, auth type, attribute), HEAD under GET rules, a
 * denied path, and the filter's log. The answers every adapter shares (status, challenges,
 * bodies, paths, foreign credentials) are the testkit's conformance table, run by
 * {@link JettyConformanceTest} and {@link TomcatConformanceTest}. Each subclass starts one
 * container with the filter registered through {@code ServletContext.addFilter}, in front of
 * {@link EchoServlet} under context path {@code /ctx}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterContract {
    static final String CONTEXT = "/ctx";

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
                .deny("/internal/*")
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

    @Test
    void requestCarriesThePrincipal() {
        RawHttp.Reply reply = http.send("GET", "/api/whoami", bearer(world.writer));

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

    /**
     * After a valid token, its upper- and lower-cased variants on the same keep-alive connection
     * are refused: on Jetty with the README's {@code setHeaderCacheCaseSensitive(true)}, on
     * Tomcat as it is (it keeps no header values from one request for the next).
     */
    @Test
    void aCaseVariantOfATokenSentOnTheSameConnectionIsRefused() throws Exception {
        String token = world.reader.token();
        try (KeepAliveConnection connection = new KeepAliveConnection(server.port())) {
            String target = CONTEXT + "/api/repos";
            List<String> org = List.of("X-Org: " + TestWorld.ORG);
            assertThat(connection.send("GET", target, with(org, "Bearer " + token))).isEqualTo(200);
            assertThat(connection.send("GET", target, with(org, "Bearer " + token.toUpperCase(Locale.ROOT))))
                    .as("upper case, same connection").isEqualTo(401);
            assertThat(connection.send("GET", target, with(org, "Bearer " + token.toLowerCase(Locale.ROOT))))
                    .as("lower case, same connection").isEqualTo(401);
            assertThat(connection.send("GET", target, with(org, "Bearer " + token))).isEqualTo(200);
        }
    }

    private static List<String> with(List<String> lines, String authorization) {
        List<String> all = new java.util.ArrayList<>(lines);
        all.add("Authorization: " + authorization);
        return all;
    }

    @Test
    void anonymousRequestIsNotWrapped() {
        RawHttp.Reply reply = http.send("GET", "/health", List.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("principal=null", "authType=null", "attribute=null", "**=false");
    }

    @Test
    void fullAccessPassesTheAdminRule() {
        assertThat(http.send("GET", "/admin/settings", bearer(world.full)).status()).isEqualTo(200);
        RawHttp.Reply manager = http.send("GET", "/admin/settings", bearer(world.manager));
        assertThat(manager.status()).isEqualTo(403);
        assertThat(manager.all("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"acme\", error=\"insufficient_scope\", scope=\"*\"");
    }

    @Test
    void headFollowsTheGetRule() {
        IssuedToken statusOnly = world.issue("dave", TestWorld.ORG, "code:status");

        assertThat(http.send("GET", "/api/repos", bearer(statusOnly)).status()).isEqualTo(403);
        assertThat(http.send("HEAD", "/api/repos", bearer(statusOnly)).status()).isEqualTo(403);
        assertThat(http.send("HEAD", "/api/repos", bearer(world.reader)).status()).isEqualTo(200);
    }

    @Test
    void deniedPathIs403WithoutAChallengeWhateverTheToken() {
        RawHttp.Reply reply = http.send("GET", "/internal/metrics", bearer(world.full));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.all("WWW-Authenticate")).isEmpty();
        assertThat(reply.body()).isEqualTo("403 Forbidden\n");
    }

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
            http.send("GET", "/files/" + world.writer.token(), bearer(world.writer));
            log = capture.text();
        }

        assertThat(log).contains("pat4j: 401 GET /ctx/api/repos: REVOKED (token " + world.revoked.info().id() + ")");
        assertThat(log).contains("pat4j: 401 GET /ctx/api/repos: EXPIRED (token " + world.expired.info().id() + ")");
        assertThat(log).contains("pat4j: 401 GET /ctx/api/repos: WRONG_ORGANIZATION (token "
                + world.otherOrganization.info().id() + ")");
        assertThat(log).contains("pat4j: 403 POST /ctx/api/repos: token " + world.reader.info().id()
                + " of alice lacks [code:write]");
        assertThat(log).contains("pat4j: 401 GET /ctx/api/repos: MALFORMED (token -)");
        assertThat(log).contains("GET /ctx/files/<masked>");
        for (IssuedToken t : List.of(world.revoked, world.expired, world.otherOrganization, world.reader,
                world.writer, world.manager)) {
            assertThat(log).doesNotContain(TestWorld.secretOf(t));
        }
    }

    static List<String> bearer(IssuedToken token) {
        return List.of("Bearer " + token.token());
    }
}
