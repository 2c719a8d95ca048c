package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.pat4j.testkit.http.RawHttp;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code web.xml} snippet of the module README, verbatim, deployed on Tomcat, which parses
 * it itself: if the README's example stops working, this test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebXmlOnTomcatTest {
    private final TestWorld world = new TestWorld();
    private final EchoServlet app = new EchoServlet();
    private TomcatServer server;
    private HttpProbe http;

    @BeforeAll
    void deployTheReadmeWebXml() throws Exception {
        String webXml = "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                + readmeWebXmlSnippet() + "\n</web-app>\n";
        server = TomcatServer.startWebXml("", webXml, (classes, context) -> {
            context.setAttribute(Pat4jFilter.DEFAULT_CONTEXT_ATTRIBUTE, world.pat4j);
            context.addServlet("echo", app).addMapping("/");
        });
        http = new HttpProbe(server.port(), "");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        world.close();
    }

    private static String readmeWebXmlSnippet() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("```xml\\n(<filter>.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has a web.xml snippet starting with <filter>").isTrue();
        return m.group(1);
    }

    private static final Map<String, List<String>> ACME = Map.of("X-Org", List.of(TestWorld.ORG));

    @Test
    void readmeRulesAreEnforced() {
        assertThat(http.send("GET", "/api/repos", List.of("Bearer " + world.reader.token()), ACME).status())
                .isEqualTo(200);
        RawHttp.Reply post = http.send("POST", "/api/repos", List.of("Bearer " + world.reader.token()), ACME);
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.all("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"pat4j\", error=\"insufficient_scope\", scope=\"code:write\"");
        assertThat(http.send("POST", "/api/repos", List.of("Bearer " + world.writer.token()), ACME).status())
                .isEqualTo(200);
    }

    @Test
    void readmeOrganizationHeaderIsRead() {
        assertThat(http.send("GET", "/api/repos", List.of("Bearer " + world.otherOrganization.token()), ACME).status())
                .as("a token of another organization").isEqualTo(401);
        assertThat(http.send("GET", "/api/repos", List.of("Bearer " + world.reader.token()), Map.of()).status())
                .as("a bound token, no organization named").isEqualTo(401);
        assertThat(http.send("GET", "/api/repos", List.of("Bearer " + world.full.token()), Map.of()).status())
                .as("an all-organization token, no organization named").isEqualTo(200);
    }

    @Test
    void readmeAnonymousPathAndDefaultsApply() {
        assertThat(http.send("GET", "/health", List.of(), Map.of()).status()).isEqualTo(200);
        RawHttp.Reply missing = http.send("GET", "/api/whoami", List.of(), Map.of());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.all("WWW-Authenticate"))
                .containsExactly("Basic realm=\"pat4j\", charset=\"UTF-8\"", "Bearer realm=\"pat4j\"");
    }
}
