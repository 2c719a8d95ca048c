package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import dev.pat4j.testkit.http.RawHttp;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code web.xml} form on Jetty: the filter class named with init-parameters and the
 * {@code Pat4j} in a ServletContext attribute, exactly what a deployment descriptor declares.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitParamConfigurationTest {
    private final TestWorld world = new TestWorld();
    private final EchoServlet app = new EchoServlet();

    @AfterAll
    void closeWorld() {
        world.close();
    }

    private JettyServer startWith(Map<String, String> initParameters, String attribute) throws Exception {
        return JettyServer.start("/", context -> {
            context.setAttribute(attribute, world.pat4j);
            FilterHolder filter = new FilterHolder(Pat4jFilter.class);
            filter.setName("pat4j");
            filter.setInitParameters(initParameters);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(app), "/");
        });
    }

    @Test
    void initParametersConfigureRulesOrganizationRealmAndRetryAfter() throws Exception {
        Map<String, String> params = Map.of(
                "rules", """
                        GET  /orgs/*/repos/* code:read
                        POST /orgs/*/repos/* code:write;  DELETE /orgs/*/repos/* code:manage
                        """,
                "anonymous", "/health, /public/*",
                "deny", "/internal/*",
                "organization", "path-segment:1",
                "realm", "Acme \"R&D\" \\ API",
                "retry-after", "30",
                "pat4j-attribute", "app.pat4j");
        try (JettyServer server = startWith(params, "app.pat4j")) {
            HttpProbe http = new HttpProbe(server.port(), "");

            assertThat(http.send("GET", "/orgs/acme/repos", bearer(world.reader), Map.of()).status()).isEqualTo(200);
            RawHttp.Reply post = http.send("POST", "/orgs/acme/repos", bearer(world.reader), Map.of());
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.all("WWW-Authenticate")).containsExactly(
                    "Bearer realm=\"Acme \\\"R&D\\\" \\\\ API\", error=\"insufficient_scope\", scope=\"code:write\"");
            assertThat(http.send("DELETE", "/orgs/acme/repos/1", bearer(world.writer), Map.of()).status())
                    .isEqualTo(403);
            assertThat(http.send("GET", "/orgs/other/repos", bearer(world.reader), Map.of()).status())
                    .as("token of acme, path of other").isEqualTo(401);
            RawHttp.Reply anonymous = http.send("GET", "/public/readme", List.of(), Map.of());
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(http.send("GET", "/internal/metrics", bearer(world.full), Map.of()).status()).isEqualTo(403);
            RawHttp.Reply missing = http.send("GET", "/orgs/acme/repos", List.of(), Map.of());
            assertThat(missing.all("WWW-Authenticate")).containsExactly(
                    "Basic realm=\"Acme \\\"R&D\\\" \\\\ API\", charset=\"UTF-8\"",
                    "Bearer realm=\"Acme \\\"R&D\\\" \\\\ API\"");

            String neverSeen = world.issue("gina", TestWorld.ORG, "code:read").token();
            world.store.setDown(true);
            try {
                RawHttp.Reply unavailable = http.send("GET", "/orgs/acme/repos", List.of("Bearer " + neverSeen), Map.of());
                assertThat(unavailable.status()).isEqualTo(503);
                assertThat(unavailable.all("Retry-After")).containsExactly("30");
            } finally {
                world.store.setDown(false);
            }
        }
    }

    @Test
    void malformedRuleFailsStartupWithAClearMessage() {
        Throwable failure = catchThrowable(() -> startWith(
                Map.of("rules", "GET /api/repos/* code:read\nPOST /api/repos"), Pat4jFilter.DEFAULT_CONTEXT_ATTRIBUTE)
                .close());

        assertThat(failure).hasStackTraceContaining("pat4j filter 'pat4j': init-param 'rules', rule 2 "
                + "'POST /api/repos': expected METHOD PATTERN SCOPE [SCOPE...]");
    }

    @Test
    void misspeltParameterFailsStartupRatherThanOpeningEveryPath() {
        Throwable failure = catchThrowable(() -> startWith(
                Map.of("rule", "POST /api/repos/* code:write"), Pat4jFilter.DEFAULT_CONTEXT_ATTRIBUTE).close());

        assertThat(failure).hasStackTraceContaining("unknown init-param 'rule'");
    }

    @Test
    void missingPat4jAttributeFailsStartup() {
        Throwable failure = catchThrowable(() -> startWith(Map.of(), "somewhere.else").close());

        assertThat(failure).hasStackTraceContaining("no Pat4j in ServletContext attribute 'dev.pat4j.Pat4j'");
    }

    private static List<String> bearer(dev.pat4j.lifecycle.IssuedToken token) {
        return List.of("Bearer " + token.token());
    }
}
