package dev.pat4j.web.forward;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10) on 127.0.0.1 and an ephemeral port, serving the given servlets by path spec. */
final class Jetty implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private Jetty(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static Jetty serve(Map<String, HttpServlet> servlets) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(16 * 1024);
        http.setSendServerVersion(false);
        // the servlet adapter's README: Jetty's header cache would otherwise hand back an earlier case-variant
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        servlets.forEach((spec, servlet) -> context.addServlet(new ServletHolder(servlet), spec));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new Jetty(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
