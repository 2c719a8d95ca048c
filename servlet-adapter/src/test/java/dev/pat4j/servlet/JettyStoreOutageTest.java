package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import dev.pat4j.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real store outage under the servlet filter on Jetty: the H2 TCP server behind the JDBC store
 * stops, and over HTTP a token verified before keeps getting 200 while a token not yet cached
 * gets 503 with {@code Retry-After}: the configured delay while pat4j's circuit breaker is closed,
 * then, once it opened, the seconds until its probe. When the server is back and the cool-down
 * has passed (on pat4j's clock), the same server lets the new token in.
 */
class JettyStoreOutageTest {
    private static final int COOL_DOWN_SECONDS = 20;

    @TempDir
    Path temp;

    @Test
    void uncachedTokensGet503WithRetryAfterWhileTheDatabaseIsDownAndCachedOnes200() throws Exception {
        String base = temp.resolve("h2").toString();
        Server db = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", base).start();
        int dbPort = db.getPort();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:tcp://127.0.0.1:" + dbPort + "/outage;DB_CLOSE_DELAY=-1");
        JdbcTokenStore store = JdbcTokenStore.builder(dataSource).queryTimeout(Duration.ofMillis(300)).build();
        store.migrate();
        MutableClock clock = new MutableClock(Instant.now());
        try (Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).clock(clock)
                .breakerFailures(2).breakerCoolDown(Duration.ofSeconds(COOL_DOWN_SECONDS))
                .changePollInterval(Duration.ofHours(1)).lastUsedInterval(Duration.ofHours(1)).build();
             JettyServer jetty = JettyServer.start("/app", (classes, context) -> {
                 context.addFilter("pat4j", Pat4jFilter.builder(pat4j).require("GET", "/api/*", "code:read")
                         .organizationFrom(request -> "acme").retryAfter(Duration.ofSeconds(3)).build())
                         .addMappingForUrlPatterns(null, false, "/*");
                 context.addServlet("echo", new EchoServlet()).addMapping("/api/*");
             })) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + jetty.port() + "/app/api/repos");
            IssuedToken cached = issue(pat4j, "cached");
            IssuedToken fresh = issue(pat4j, "fresh");
            assertThat(get(http, uri, cached).statusCode()).isEqualTo(200);

            db.stop();
            HttpResponse<String> first = get(http, uri, fresh);
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.headers().allValues("Retry-After")).as("closed: the configured delay").containsExactly("3");
            HttpResponse<String> second = get(http, uri, fresh);
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().allValues("Retry-After")).as("this failure opened it")
                    .containsExactly(Integer.toString(COOL_DOWN_SECONDS));
            assertThat(second.body()).isEqualTo("503 Service Unavailable\n");
            clock.advance(Duration.ofSeconds(5));
            assertThat(get(http, uri, fresh).headers().allValues("Retry-After"))
                    .containsExactly(Integer.toString(COOL_DOWN_SECONDS - 5));
            HttpResponse<String> stillCached = get(http, uri, cached);
            assertThat(stillCached.statusCode()).isEqualTo(200);
            assertThat(stillCached.body()).contains("principal=alice");

            db = Server.createTcpServer("-tcpPort", Integer.toString(dbPort), "-ifNotExists", "-baseDir", base).start();
            assertThat(get(http, uri, fresh).statusCode()).as("back, within the cool-down").isEqualTo(503);
            clock.advance(Duration.ofSeconds(COOL_DOWN_SECONDS));
            HttpResponse<String> recovered = get(http, uri, fresh);
            assertThat(recovered.statusCode()).isEqualTo(200);
            assertThat(recovered.headers().allValues("Retry-After")).isEmpty();
        } finally {
            db.stop();
            store.close();
        }
    }

    private static IssuedToken issue(Pat4j pat4j, String name) {
        return pat4j.tokens().create(NewToken.builder("alice", name).organization("acme")
                .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));
    }

    private static HttpResponse<String> get(HttpClient http, URI uri, IssuedToken token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token.token())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
