package dev.pat4j.web.page;

import dev.pat4j.Pat4j;
import dev.pat4j.servlet.Pat4jFilter;
import dev.pat4j.web.Pat4jWeb;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.FormAuthenticator;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty 12 (ee10) on 127.0.0.1 as an application would mount the page: the container's form
 * login (users alice and bob, administrator root) in front of the page at {@value #PAGE} and
 * the management API at {@value #API}, and a service at {@value #SERVICE} behind pat4j's filter
 * (code:read for GET), where the tokens made in the page are used.
 */
final class PageServer implements AutoCloseable {
    static final String PAGE = "/tokens";
    static final String API = "/manage";
    static final String SERVICE = "/api";
    static final String USER_ROLE = "user";
    static final String ADMIN_ROLE = "pat4j-admin";
    /** name, password. */
    static final String[][] USERS = {{"alice", "alice-password-1"}, {"bob", "bob-password-2"},
        {"root", "root-password-3"}};

    private final Server server;
    private final ServerConnector connector;

    private PageServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static PageServer start(Pat4j pat4j, String... commonScopes) throws Exception {
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
        // the session in a cookie only (never in a URL, where logs and referrers keep it), out of scripts' reach
        context.getSessionHandler().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
        UserStore users = new UserStore();
        for (String[] user : USERS) {
            users.addUser(user[0], Credential.getCredential(user[1]), user[0].equals("root")
                    ? new String[] {USER_ROLE, ADMIN_ROLE} : new String[] {USER_ROLE});
        }
        HashLoginService login = new HashLoginService("pat4j");
        login.setUserStore(users);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(new FormAuthenticator("/login", "/login?error=1", false));
        for (String path : new String[] {PAGE + "/*", API + "/*"}) {
            ConstraintMapping mapping = new ConstraintMapping();
            mapping.setPathSpec(path);
            mapping.setConstraint(Constraint.from(USER_ROLE));
            security.addConstraintMapping(mapping);
        }
        // the stylesheet is the same for everyone: public, so the login page wears it too
        ConstraintMapping style = new ConstraintMapping();
        style.setPathSpec(PAGE + "/page.css");
        style.setConstraint(Constraint.ALLOWED);
        security.addConstraintMapping(style);
        context.setSecurityHandler(security);

        context.addServlet(new ServletHolder(new LoginServlet(PAGE + "/page.css")), "/login");
        context.addServlet(new ServletHolder(Pat4jWeb.managementApi(pat4j).build()), API + "/*");
        context.addServlet(new ServletHolder(Pat4jWeb.tokenPage(API).commonScopes(commonScopes).build()),
                PAGE + "/*");
        context.addServlet(new ServletHolder(new ServiceServlet()), SERVICE + "/*");
        context.addFilter(new FilterHolder(Pat4jFilter.builder(pat4j).require("GET", SERVICE + "/code", "code:read")
                        .organizationFrom(request -> "acme").build()),
                SERVICE + "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new PageServer(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** The service the tokens are for: names the caller pat4j's filter let through. */
    private static final class ServiceServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = ("hello " + request.getUserPrincipal().getName() + "\n").getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
