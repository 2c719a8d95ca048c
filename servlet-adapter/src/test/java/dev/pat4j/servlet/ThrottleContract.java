package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.http.AddressRange;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.testkit.http.RawHttp;
import jakarta.servlet.ServletContainerInitializer;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failed-attempt throttling over HTTP, the same on every container: after N failed checks from
 * one client address, 429 with {@code Retry-After}, the fixed body and nothing of the token, and
 * the application never reached; a spoofed {@code X-Forwarded-For} from an untrusted peer
 * changes nothing; behind a trusted proxy each forwarded client counts alone. Each test has its
 * own filter (own throttle) under its own path; the tests' client is the peer 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThrottleContract {
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
        Pat4jFilter direct = Pat4jFilter.builder(world.pat4j).organizationFrom(OrganizationResolver.header("X-Org"))
                .throttle(AttemptThrottle.slidingWindow().failures(3).block(Duration.ofSeconds(90))
                        .clock(world.clock).build())
                .build();
        Pat4jFilter untrustedPeer = Pat4jFilter.builder(world.pat4j)
                .organizationFrom(OrganizationResolver.header("X-Org"))
                .throttle(AttemptThrottle.slidingWindow().failures(3).clock(world.clock).build())
                .clientAddress(ClientAddressResolver.trustedProxies(AddressRange.parseList("10.0.0.0/8")))
                .build();
        Properties file = new Properties();
        file.load(new StringReader("pat4j.scopes.preset = azure-devops\npat4j.throttle.failures = 3\n"
                + "pat4j.http.trusted-proxies = 127.0.0.1, ::1\n"));
        Pat4jSettings settings = Pat4jSettings.fromProperties(file, Map.of());
        Pat4jFilter behindProxy = Pat4jFilter.builder(world.pat4j).organizationFrom(OrganizationResolver.header("X-Org"))
                .throttle(settings.throttle()).clientAddress(settings.http()).build();
        server = start(CONTEXT, (classes, context) -> {
            context.addFilter("direct", direct).addMappingForUrlPatterns(null, false, "/direct/*");
            context.addFilter("untrusted", untrustedPeer).addMappingForUrlPatterns(null, false, "/untrusted/*");
            context.addFilter("proxied", behindProxy).addMappingForUrlPatterns(null, false, "/proxied/*");
            context.addServlet("echo", app).addMapping("/");
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

    private RawHttp.Reply send(String path, String authorization, String... extraHeaders) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Org", List.of(TestWorld.ORG));
        for (String line : extraHeaders) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon), k -> new java.util.ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return http.send("POST", path, List.of(authorization), headers);
    }

    private String wrong() {
        return "Bearer " + dev.pat4j.testkit.Fixtures.lookAlike(world.reader.token());
    }

    @Test
    void afterThreeFailuresTheClientGets429WithRetryAfterAndTheFixedBodyUntilTheBlockEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(send("/direct/repos", wrong()).status()).isEqualTo(401);
        }
        int executed = app.posts.get();

        RawHttp.Reply blocked = send("/direct/repos", "Bearer " + world.writer.token());

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.all("Retry-After")).containsExactly("90");
        assertThat(blocked.all("Cache-Control")).containsExactly("no-store");
        assertThat(blocked.all("WWW-Authenticate")).isEmpty();
        assertThat(blocked.first("Content-Type").replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=UTF-8");
        assertThat(blocked.body()).isEqualTo("429 Too Many Requests\n");
        assertThat(app.posts.get()).as("the application never saw it").isEqualTo(executed);

        world.clock.advance(Duration.ofSeconds(90));
        RawHttp.Reply after = send("/direct/repos", "Bearer " + world.writer.token());
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).contains("principal=bob");
    }

    @Test
    void aSpoofedXForwardedForFromAnUntrustedPeerIsThrottledUnderTheRealAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(send("/untrusted/repos", wrong(), "X-Forwarded-For: 203.0.113." + i).status()).isEqualTo(401);
        }

        RawHttp.Reply blocked = send("/untrusted/repos", "Bearer " + world.writer.token(),
                "X-Forwarded-For: 198.51.100.77", "Forwarded: for=198.51.100.78");

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.all("Retry-After")).containsExactly("60");
    }

    @Test
    void behindATrustedProxyEachForwardedClientCountsAlone() {
        for (int i = 0; i < 3; i++) {
            assertThat(send("/proxied/repos", wrong(), "X-Forwarded-For: 192.0.2.1, 203.0.113.50").status())
                    .isEqualTo(401);
        }

        assertThat(send("/proxied/repos", "Bearer " + world.writer.token(), "X-Forwarded-For: 203.0.113.50")
                .status()).isEqualTo(429);
        assertThat(send("/proxied/repos", "Bearer " + world.writer.token(), "X-Forwarded-For: 203.0.113.51")
                .status()).as("another client behind the same proxy").isEqualTo(200);
        assertThat(send("/proxied/repos", "Bearer " + world.writer.token()).status())
                .as("the proxy itself, without the header").isEqualTo(200);
    }
}
