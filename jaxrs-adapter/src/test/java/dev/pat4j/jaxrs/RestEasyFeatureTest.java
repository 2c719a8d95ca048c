package dev.pat4j.jaxrs;

import io.undertow.Undertow;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.ws.rs.core.Application;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;
import org.jboss.resteasy.spi.ResteasyDeployment;

/** The contract on RESTEasy, served by Undertow. */
class RestEasyFeatureTest extends Pat4jFeatureContract {
    private final AtomicInteger deployments = new AtomicInteger();

    @Override
    protected Server start(Application application) {
        ResteasyDeployment deployment = new ResteasyDeploymentImpl();
        deployment.setApplication(application);
        // RESTEasy's own @RolesAllowed support (as the resteasy.role.based.security context parameter),
        // which asks SecurityContext.isUserInRole(scope).
        deployment.setSecurityEnabled(true);
        LocalUndertow undertow = new LocalUndertow();
        DeploymentInfo info = undertow.undertowDeployment(deployment)
                .setContextPath("/rest")
                .setDeploymentName("pat4j-" + deployments.incrementAndGet())
                .setClassLoader(getClass().getClassLoader());
        undertow.deploy(info);
        undertow.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
        URI base = URI.create("http://127.0.0.1:" + undertow.port() + "/rest");
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
