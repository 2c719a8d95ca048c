package dev.pat4j.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.http.AddressRange;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.jaxrs.Pat4jFeatureContract.Server;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.http.ConformanceWorld;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.resteasy.core.ResteasyContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The throttle through the JAX-RS feature over HTTP, on RESTEasy and Undertow, whose servlet
 * request gives the feature the connection's peer ({@code peerAddress}): after three failures,
 * 429 with {@code Retry-After} and the fixed body, the resource never reached; a spoofed
 * {@code X-Forwarded-For} from an untrusted peer changes nothing. (One container: for Jersey on
 * the JDK's HTTP server, this module's other container, no way to reach the peer from a filter
 * was found.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestEasyThrottleTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ConformanceWorld world;
    private Server direct;
    private Server untrusted;
    private Server exempt;

    @BeforeAll
    void start() {
        world = new ConformanceWorld();
        direct = RestEasyFeatureTest.serve(TestResources.main(feature(ClientAddressResolver.peer())), "/direct");
        untrusted = RestEasyFeatureTest.serve(TestResources.main(feature(
                ClientAddressResolver.trustedProxies(AddressRange.parseList("10.0.0.0/8")))), "/untrusted");
        exempt = RestEasyFeatureTest.serve(TestResources.main(feature(ClientAddressResolver.peer(),
                AddressRange.parseList("127.0.0.0/8"))), "/exempt");
    }

    private Pat4jFeature feature(ClientAddressResolver resolver) {
        return feature(resolver, java.util.List.of());
    }

    private Pat4jFeature feature(ClientAddressResolver resolver, java.util.List<AddressRange> exemptRanges) {
        return Pat4jFeature.builder(world.pat4j())
                .organization(OrganizationResolver.header("X-Org"))
                .throttle(AttemptThrottle.slidingWindow().failures(3).block(Duration.ofSeconds(45))
                        .exempt(exemptRanges).clock(world.clock()).build())
                .clientAddress(resolver)
                .peerAddress(request -> ResteasyContext.getContextData(HttpServletRequest.class).getRemoteAddr())
                .build();
    }

    @AfterAll
    void stop() {
        for (Server s : new Server[] {direct, untrusted, exempt}) {
            if (s != null) {
                s.close();
            }
        }
        if (world != null) {
            world.close();
        }
    }

    private HttpResponse<String> get(Server server, String token, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/repos"))
                .header("Authorization", "Bearer " + token).header("X-Org", ConformanceWorld.ORG);
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void afterThreeFailuresTheClientGets429WithRetryAfterAndTheFixedBody() throws Exception {
        String reader = world.tokens().reader().token();
        assertThat(get(direct, reader, null).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(get(direct, Fixtures.lookAlike(reader), null).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> blocked = get(direct, reader, null);

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().allValues("Retry-After")).containsExactly("45");
        assertThat(blocked.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(blocked.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(blocked.body()).isEqualTo("429 Too Many Requests\n");
        world.clock().advance(Duration.ofSeconds(45));
        HttpResponse<String> after = get(direct, reader, null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("repos of alice");
    }

    @Test
    void thePeerAddressReachesTheThrottleSoAnExemptPeerIsNeverBlocked() throws Exception {
        String reader = world.tokens().reader().token();
        for (int i = 0; i < 6; i++) {
            assertThat(get(exempt, Fixtures.lookAlike(reader), null).statusCode()).isEqualTo(401);
        }

        assertThat(get(exempt, reader, null).statusCode()).as("127.0.0.1, exempt, not an unknown peer").isEqualTo(200);
    }

    @Test
    void aSpoofedXForwardedForFromAnUntrustedPeerIsThrottledUnderTheRealAddress() throws Exception {
        String reader = world.tokens().reader().token();
        for (int i = 0; i < 3; i++) {
            assertThat(get(untrusted, Fixtures.lookAlike(reader), "203.0.113." + i).statusCode()).isEqualTo(401);
        }

        assertThat(get(untrusted, reader, "198.51.100.9").statusCode()).isEqualTo(429);
    }
}
