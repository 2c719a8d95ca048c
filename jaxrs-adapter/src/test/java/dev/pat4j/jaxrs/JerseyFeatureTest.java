package dev.pat4j.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.InMemoryTokenStore;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.junit.jupiter.api.Test;

/** The contract on Jersey, served by the JDK's HTTP server. */
class JerseyFeatureTest extends Pat4jFeatureContract {

    @Override
    protected Server start(Application application) {
        return serve(application, "/rest");
    }

    /** {@code application} on the JDK's HTTP server under {@code contextPath}, on 127.0.0.1 and a free port. */
    static Server serve(Application application, String contextPath) {
        // Jersey's own @RolesAllowed support, which asks SecurityContext.isUserInRole(scope).
        ResourceConfig config = ResourceConfig.forApplication(application).register(RolesAllowedDynamicFeature.class);
        HttpServer http = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0" + contextPath), config);
        URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + contextPath);
        return new Server() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() {
                http.stop(0);
            }
        };
    }

    /** The registration the README shows, verbatim. */
    @Test
    void readmeRegistration() throws Exception {
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).build()) {
            ResourceConfig config = new ResourceConfig(TestResources.Repos.class)
                    .register(new Pat4jFeature(pat4j))
                    .register(RolesAllowedDynamicFeature.class);   // only if you use @RolesAllowed

            String token = pat4j.tokens().create(NewToken.builder("alice", "readme").allOrganizations()
                    .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice")).token();
            HttpServer http = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
            try {
                URI repos = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/repos");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(repos).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> withToken = client.send(HttpRequest.newBuilder(repos)
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(anonymous.headers().allValues("WWW-Authenticate")).containsExactlyInAnyOrder(
                        "Basic realm=\"pat4j\", charset=\"UTF-8\"", "Bearer realm=\"pat4j\"");
                assertThat(withToken.body()).isEqualTo("repos of alice");
            } finally {
                http.stop(0);
            }
        }
    }

    /** The configuration file's {@code pat4j.organizations.source} decides where the feature reads the organization. */
    @Test
    void theOrganizationComesFromWhereTheSettingsSay() throws Exception {
        java.util.Properties file = new java.util.Properties();
        file.load(new java.io.StringReader("pat4j.scopes.preset = azure-devops\npat4j.organizations.source = header:X-Org\n"));
        Pat4jSettings settings = Pat4jSettings.fromProperties(file, java.util.Map.of());
        try (Pat4j pat4j = Pat4j.fromSettings(settings, new InMemoryTokenStore())) {
            String token = pat4j.tokens().create(NewToken.builder("alice", "bound").organization("acme")
                    .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice")).token();
            ResourceConfig config = new ResourceConfig(TestResources.Repos.class)
                    .register(Pat4jFeature.builder(pat4j).organizationFrom(settings.organizations()).build());
            HttpServer http = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
            try {
                URI repos = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/repos");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                assertThat(status(client, repos, token, "acme")).isEqualTo(200);
                assertThat(status(client, repos, token, "globex")).isEqualTo(401);
                assertThat(status(client, repos, token, null)).as("a bound token, no organization named").isEqualTo(401);
            } finally {
                http.stop(0);
            }
        }
    }

    private static int status(HttpClient client, URI uri, String token, String organization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (organization != null) {
            request.header("X-Org", organization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
