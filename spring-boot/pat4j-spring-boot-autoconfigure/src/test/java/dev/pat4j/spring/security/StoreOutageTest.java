package dev.pat4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's database stops (an H2 TCP server, as jdbc-store's StoreOutageBreakerTest
 * stops it): an uncached token gets 503 with {@code Retry-After} and no session, pat4j's breaker
 * opens, a cached token still passes, and {@code /actuator/health/pat4j} goes DOWN, its outbox backlog
 * unknown and its change-feed follower failing.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pat4j.scopes.preset=azure-devops",
            "pat4j.organizations.source=header:X-Org",
            "pat4j.store.breaker.failures=2",
            "pat4j.store.breaker.cool-down=30s",
            "pat4j.store.query-timeout=300ms",
            "spring.datasource.hikari.connection-timeout=300",
            "management.endpoints.web.exposure.include=health,metrics",
            "management.endpoint.health.show-details=always",
            "spring.flyway.enabled=false",
            "spring.liquibase.enabled=false"
        })
@Import(TomcatSecuredApiTest.OnTomcat.class)
class StoreOutageTest {
    private static Server database;

    @LocalServerPort
    int port;
    @Autowired
    TokenService tokens;
    @Autowired
    Pat4j pat4j;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws SQLException, IOException {
        Path base = Files.createTempDirectory("pat4j-outage");
        database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", base.toString()).start();
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/outage;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void whenTheDatabaseStopsUncachedTokensGet503AndHealthGoesDown() {
        Http http = new Http(port);
        IssuedToken cached = issue("alice");
        IssuedToken fresh = issue("bob");
        assertThat(get(http, cached).statusCode()).isEqualTo(200);
        assertThat(status(http.get("/actuator/health/pat4j"))).isEqualTo("UP");

        database.stop();

        HttpResponse<String> refused = get(http, fresh);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("503 Service Unavailable\n");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        SecuredApiContract.assertNoSession(refused);
        assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> {
            get(http, fresh);
            return pat4j.storeRetryAfter().isPresent();
        })).as("the breaker opens").isTrue();

        HttpResponse<String> open = get(http, fresh);
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(Integer.parseInt(open.headers().firstValue("Retry-After").orElseThrow()))
                .as("seconds until the probe").isBetween(1, 30);
        assertThat(get(http, cached).statusCode()).as("verified before, within its TTL").isEqualTo(200);

        HttpResponse<String> health = http.get("/actuator/health/pat4j");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode json = JsonMapper.builder().build().readTree(health.body());
        assertThat(json.path("status").asString()).isEqualTo("DOWN");
        assertThat(json.path("details").path("store").asString()).isEqualTo("unreachable");
        assertThat(json.path("details").path("breaker").asString()).isEqualTo("open");
        assertThat(json.path("details").path("notices").asString()).as("the backlog cannot be counted")
                .isEqualTo("unknown");
        assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> JsonMapper.builder().build()
                .readTree(http.get("/actuator/health/pat4j").body()).path("details").path("changeFeed")
                .path("failing").asBoolean())).as("the follower cannot read the feed").isTrue();
        JsonNode feed = JsonMapper.builder().build().readTree(http.get("/actuator/health/pat4j").body())
                .path("details").path("changeFeed");
        assertThat(feed.has("behind")).as("no head to compare with").isFalse();
        assertThat(feed.path("lastReadAt").asString()).as("the last read before the outage").isNotEmpty();
        assertThat(feed.path("secondsSinceLastRead").isNumber()).isTrue();
        assertThat(health.body()).doesNotContain("jdbc:").doesNotContain(fresh.token());
        HttpResponse<String> gauge = http.get("/actuator/metrics/pat4j.store.breaker.open");
        assertThat(JsonMapper.builder().build().readTree(gauge.body()).path("measurements").get(0).path("value")
                .asDouble()).isEqualTo(1.0);
    }

    private IssuedToken issue(String owner) {
        return tokens.create(NewToken.builder(owner, "outage").organization("acme").lifespan(Duration.ofDays(1))
                .scopes("code:read").build(), Actor.user(owner));
    }

    private static HttpResponse<String> get(Http http, IssuedToken token) {
        return http.get("/api/repos", "Authorization", "Bearer " + token.token(), "X-Org", "acme");
    }

    private static String status(HttpResponse<String> health) {
        try {
            return JsonMapper.builder().build().readTree(health.body()).path("status").asString();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(health.body(), e));
        }
    }
}
