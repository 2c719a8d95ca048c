package dev.pat4j.web.api;

import dev.pat4j.Pat4j;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

/** Jetty 12 (ee10) on 127.0.0.1 and an ephemeral port, with sessions and Basic login. */
final class JettyApiServer implements ApiServer {
    private final Server server;
    private final ServerConnector connector;

    private JettyApiServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static JettyApiServer start(Pat4j pat4j) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(
                ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
        context.setContextPath("/");
        UserStore users = new UserStore();
        for (String[] user : USERS) {
            users.addUser(user[0], Credential.getCredential(user[1]), ApiServer.administrator(user[0])
                    ? new String[] {USER_ROLE, ADMIN_ROLE} : new String[] {USER_ROLE});
        }
        HashLoginService login = new HashLoginService("pat4j");
        login.setUserStore(users);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(new BasicAuthenticator());
        ConstraintMapping manage = new ConstraintMapping();
        manage.setPathSpec(MANAGE + "/*");
        manage.setConstraint(Constraint.from(USER_ROLE));
        security.addConstraintMapping(manage);
        for (String path : new String[] {CONTAINER, UNGUARDED}) {
            ConstraintMapping mapping = new ConstraintMapping();
            mapping.setPathSpec(path + "/*");
            mapping.setConstraint(Constraint.from(USER_ROLE));
            security.addConstraintMapping(mapping);
        }
        context.setSecurityHandler(security);

        Mounts mounts = Mounts.of(pat4j);
        context.addServlet(new ServletHolder(mounts.manage()), MANAGE + "/*");
        context.addServlet(new ServletHolder(mounts.pat()), PAT + "/*");
        context.addServlet(new ServletHolder(mounts.open()), OPEN + "/*");
        context.addFilter(new FilterHolder(mounts.patFilter()), PAT + "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(mounts.container()), CONTAINER + "/*");
        context.addServlet(new ServletHolder(mounts.unguarded()), UNGUARDED + "/*");
        context.addFilter(new FilterHolder(mounts.containerCsrf()), CONTAINER + "/*",
                EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyApiServer(server, connector);
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
