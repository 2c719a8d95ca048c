package dev.pat4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.SlidingWindowThrottle;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.testkit.Fixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The starter's throttle on the application's own chain, over HTTP on a random port: on by
 * default from {@code pat4j.throttle.*} (here 3 failures), an address that fails three times
 * gets 429 with {@code Retry-After} and the gate's fixed body, without a session, whatever
 * {@code X-Forwarded-For} it sends, since its peer (127.0.0.1) is not among
 * {@code pat4j.http.trusted-proxies}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pat4j.scopes.preset=azure-devops",
            "pat4j.organizations.source=header:X-Org",
            "pat4j.throttle.failures=3",
            "pat4j.throttle.block=2m",
            "pat4j.http.trusted-proxies=10.0.0.0/8, 2001:db8::/32",
            "spring.flyway.enabled=false",
            "spring.liquibase.enabled=false"
        })
@Import(TomcatSecuredApiTest.OnTomcat.class)
class ThrottleOverHttpTest {
    @LocalServerPort
    int port;
    @Autowired
    TokenService tokens;
    @Autowired
    AttemptThrottle throttle;

    @Test
    void threeFailuresFromOneAddressGet429WithRetryAfterWhateverItForwards() {
        Http http = new Http(port);
        IssuedToken reader = tokens.create(NewToken.builder("alice", "t").organization("acme")
                .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));
        assertThat(throttle).as("on by default").isInstanceOf(SlidingWindowThrottle.class);
        assertThat(get(http, reader.token(), "192.0.2.1").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(get(http, Fixtures.lookAlike(reader.token()), "203.0.113." + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> blocked = get(http, reader.token(), "198.51.100.1");

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().allValues("Retry-After")).containsExactly("120");
        assertThat(blocked.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(blocked.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(blocked.body()).isEqualTo("429 Too Many Requests\n");
        SecuredApiContract.assertNoSession(blocked);
        assertThat(throttle.delay("127.0.0.1")).as("counted under the real peer").isPositive();
        assertThat(throttle.delay("203.0.113.0")).as("not under a spoofed address").isZero();
    }

    private static HttpResponse<String> get(Http http, String token, String forwardedFor) {
        return http.get("/api/repos", "Authorization", "Bearer " + token, "X-Org", "acme",
                "X-Forwarded-For", forwardedFor);
    }
}
