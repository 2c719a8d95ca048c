package dev.pat4j.web.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.http.AddressRange;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.SlidingWindowThrottle;
import dev.pat4j.testkit.InstalledProgram;
import dev.pat4j.testkit.http.ConformanceTokens;
import dev.pat4j.testkit.http.ConformanceWorld;
import dev.pat4j.web.Pat4jWeb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forward-auth endpoint's throttle behind the documented nginx configuration: nginx forwards
 * each client's own address ({@code X-Forwarded-For $remote_addr}), the endpoint believes it
 * because nginx (127.0.0.1) is its trusted proxy, and a blocked client gets 429 with
 * {@code Retry-After} through nginx while another client is not touched. Clients are the real
 * {@code curl} bound to distinct loopback addresses (127.0.0.2, 127.0.0.3), each with a spoofed
 * {@code X-Forwarded-For} of its own that nginx overwrites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxForwardAuthThrottleTest {
    @TempDir
    static Path folder;

    ConformanceWorld world;
    ConformanceTokens t;
    SlidingWindowThrottle throttle;
    Jetty jetty;
    Nginx nginx;
    Path curl;

    @BeforeAll
    void start() throws Exception {
        Path nginxProgram = InstalledProgram.require("nginx", "nginx", "/usr/sbin/nginx");
        curl = InstalledProgram.require("curl", "curl", "/usr/bin/curl");
        world = new ConformanceWorld();
        t = world.tokens();
        throttle = AttemptThrottle.slidingWindow().failures(3).clock(world.clock()).build();
        jetty = Jetty.serve(Map.of(
                "/auth", Pat4jWeb.forwardAuth(world.pat4j())
                        .organizationFrom(request -> ConformanceWorld.ORG)
                        .throttle(throttle)
                        .clientAddress(ClientAddressResolver.trustedProxies(List.of(AddressRange.parse("127.0.0.1"))))
                        .build(),
                "/app/*", new EchoServlet()));
        nginx = Nginx.start(nginxProgram, folder.resolve("nginx"), Map.of(
                "PAT4J_AUTH", jetty.base() + "/auth",
                "UPSTREAM", jetty.base().toString(),
                "SITE_ROOT", folder.resolve("site").toString()));
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
    void aClientThatFailsThreeTimesGets429WithRetryAfterThroughNginxAndOthersPass() throws Exception {
        String bad = t.reader().token() + "A";
        for (int i = 0; i < 3; i++) {
            Reply guess = curl("127.0.0.2", "ci:" + bad, "203.0.113." + i);
            assertThat(guess.status).as(nginx.errorLog()).isEqualTo(401);
        }

        Reply blocked = curl("127.0.0.2", "ci:" + t.reader().token(), "198.51.100.1");
        assertThat(blocked.status).as(nginx.errorLog()).isEqualTo(429);
        assertThat(blocked.head).containsIgnoringCase("Retry-After: 60\r\n").containsIgnoringCase("Cache-Control: no-store");
        assertThat(blocked.head + blocked.body).doesNotContain(t.reader().token()).doesNotContain("x-pat4j");
        assertThat(throttle.delay("127.0.0.2")).as("counted under the client's own address").isPositive();
        assertThat(throttle.delay("127.0.0.1")).as("not under nginx's").isZero();
        assertThat(throttle.delay("203.0.113.0")).as("not under the spoofed one").isZero();

        Reply other = curl("127.0.0.3", "ci:" + t.reader().token(), "127.0.0.2");
        assertThat(other.status).as("another client").isEqualTo(200);
        assertThat(other.body).contains("x-pat4j-owner: alice\n");

        world.clock().advance(Duration.ofSeconds(60));
        assertThat(curl("127.0.0.2", "ci:" + t.reader().token(), "198.51.100.1").status).isEqualTo(200);
    }

    @Test
    void theEndpointsOwn429HasTheGatesFixedBodyAndHeaders() throws Exception {
        SlidingWindowThrottle local = AttemptThrottle.slidingWindow().failures(1).clock(world.clock()).build();
        try (Jetty alone = Jetty.serve(Map.of("/auth", Pat4jWeb.forwardAuth(world.pat4j())
                .organizationFrom(request -> ConformanceWorld.ORG).throttle(local).build()))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(alone.base() + "/auth"))
                    .header("X-Forwarded-Method", "GET").header("X-Forwarded-Uri", "/app/hello");
            assertThat(http.send(request.copy().header("Authorization", "Bearer " + t.reader().token() + "A").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            HttpResponse<String> blocked = http.send(request.copy()
                    .header("Authorization", "Bearer " + t.reader().token()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().allValues("Retry-After")).containsExactly("60");
            assertThat(blocked.headers().allValues("Cache-Control")).containsExactly("no-store");
            assertThat(blocked.headers().allValues("WWW-Authenticate")).isEmpty();
            assertThat(blocked.headers().firstValue("X-Pat4j-Owner")).isEmpty();
            assertThat(blocked.body()).isEqualTo("429 Too Many Requests\n");
        }
    }

    record Reply(int status, String head, String body) {
    }

    /** The real curl from {@code localAddress}, with these credentials and its own X-Forwarded-For. */
    Reply curl(String localAddress, String credentials, String spoofed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-s", "-i", "--max-time", "20",
                "--interface", localAddress, "-u", credentials, "-H", "X-Forwarded-For: " + spoofed,
                nginx.base() + "/app/hello"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int split = out.indexOf("\r\n\r\n");
        assertThat(split).as(out).isPositive();
        String head = out.substring(0, split + 2);
        return new Reply(Integer.parseInt(head.split(" ")[1]), head, out.substring(split + 4));
    }
}
