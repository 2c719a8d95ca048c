package dev.pat4j.demo.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.web.Pat4jWeb;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code pat serve-auth}'s server: Jetty with only the forward-authentication endpoint at
 * {@value #PATH}, for a reverse proxy in front of services that are no JVM application. The
 * proxy names the scopes each location requires ({@code X-Pat4j-Required-Scope}); the
 * organization comes from the settings ({@code pat4j.organizations.source}). Jetty is hardened
 * as {@link HardenedJetty} says.
 */
public final class ForwardAuthServer implements AutoCloseable {
    /** Where the endpoint answers. */
    public static final String PATH = "/auth";

    private final Server server;
    private final ServerConnector connector;

    private ForwardAuthServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts serving on {@code host}:{@code port} (0 picks a free port).
     *
     * @throws Exception if Jetty cannot start (for example, the port is taken)
     */
    public static ForwardAuthServer start(Pat4j pat4j, Pat4jSettings.Organizations organizations, String host,
                                          int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = HardenedJetty.connector(server, host, port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        HardenedJetty.noStore(context);
        context.addServlet(new ServletHolder(Pat4jWeb.forwardAuth(pat4j).organizationFrom(organizations).build()),
                PATH);
        server.setHandler(HardenedJetty.refusingTrace(context));
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new ForwardAuthServer(server, connector);
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Serves until {@link #close()} is called from another thread. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
