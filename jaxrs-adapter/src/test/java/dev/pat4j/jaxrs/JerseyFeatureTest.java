package dev.pat4j.jaxrs;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** The contract on Jersey, served by the JDK's HTTP server. */
class JerseyFeatureTest extends Pat4jFeatureContract {

    @Override
    protected Server start(Application application) {
        // Jersey's own @RolesAllowed support, which asks SecurityContext.isUserInRole(scope).
        ResourceConfig config = ResourceConfig.forApplication(application).register(RolesAllowedDynamicFeature.class);
        HttpServer http = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/rest"), config);
        URI base = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/rest");
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
}
