package dev.pat4j.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import io.undertow.Undertow;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.ws.rs.core.Application;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;
import org.jboss.resteasy.spi.ResteasyDeployment;
import org.junit.jupiter.api.Test;

/** The contract on RESTEasy, served by Undertow. */
class RestEasyFeatureTest extends Pat4jFeatureContract {
    @Override
    protected Server start(Application application) {
        return serve(application, "/rest");
    }

    /** {@code application} on Undertow under {@code contextPath}, on 127.0.0.1 and a free port. */
    static Server serve(Application application, String contextPath) {
        ResteasyDeployment deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(application);
        return start(deployment, contextPath);
    }

    /** The README's other registration: the feature as a provider of the deployment, no Application. */
    @Test
    void registeredAsADeploymentProvider() throws Exception {
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).build()) {
            ResteasyDeployment deployment = new ResteasyDeploymentImpl();
            deployment.getProviders().add(new Pat4jFeature(pat4j));
            deployment.getActualResourceClasses().add(TestResources.Admin.class);
            String token = pat4j.tokens().create(NewToken.builder("bob", "provider").allOrganizations()
                    .lifespan(Duration.ofDays(1)).scopes("code:manage").build(), Actor.user("bob")).token();
            try (Server server = start(deployment, "/rest")) {
                URI admin = URI.create(server.base() + "/admin");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(admin).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> withToken = client.send(HttpRequest.newBuilder(admin)
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(withToken.body()).isEqualTo("admin bob");
            }
        }
    }

    private static Server start(ResteasyDeployment deployment, String contextPath) {
        // RESTEasy's own @RolesAllowed support (as the resteasy.role.based.security context parameter),
        // which asks SecurityContext.isUserInRole(scope).
        deployment.setSecurityEnabled(true);
        LocalUndertow undertow = new LocalUndertow();
        DeploymentInfo info = undertow.undertowDeployment(deployment)
                .setContextPath(contextPath)
                .setDeploymentName("pat4j" + contextPath)
                .setClassLoader(RestEasyFeatureTest.class.getClassLoader());
        undertow.deploy(info);
        undertow.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
        URI base = URI.create("http://127.0.0.1:" + undertow.port() + contextPath);
        return new Server() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() {
                undertow.stop();
            }
        };
    }

    /** RESTEasy's embedded Undertow, asked for the port it was given. */
    private static final class LocalUndertow extends UndertowJaxrsServer {
        int port() {
            return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        }
    }
}
