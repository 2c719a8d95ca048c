package dev.pat4j.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10) on 127.0.0.1 and an ephemeral port. */
final class JettyServer implements TestServer {
    private final Server server;
    private final ServerConnector connector;

    private JettyServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** A server whose context is set up by {@code setup}, as a web application's initializer would. */
    static JettyServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
        return start(contextPath, context -> context.addServletContainerInitializer(setup));
    }

    /** A server whose context is configured directly (Jetty's own API: holders, init-parameters, attributes). */
    static JettyServer start(String contextPath, Consumer<ServletContextHandler> configure) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
        http.setSendServerVersion(false);
        // Jetty's per-connection header cache matches values case-insensitively by default and then
        // hands back the earlier value: a case-variant of a token sent before on the connection would
        // arrive as the original. The README tells Jetty users to set this too.
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath);
        configure.accept(context);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyServer(server, connector);
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
