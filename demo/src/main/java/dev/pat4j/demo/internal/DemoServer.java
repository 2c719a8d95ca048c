package dev.pat4j.demo.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AccessRules;
import dev.pat4j.jaxrs.Pat4jFeature;
import dev.pat4j.servlet.Pat4jFilter;
import dev.pat4j.web.Pat4jWeb;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
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
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The demo web application on Jetty, loopback only: pat4j's servlet filter in front of a
 * servlet under {@code /api} and a Git repository under {@value #GIT_PATH}, Jersey with pat4j's JAX-RS feature under {@code /rest}, and the
 * forward-authentication endpoint a reverse proxy asks at {@value #FORWARD_AUTH_PATH}, the
 * management REST API at {@value #MANAGE_PATH} behind a Basic login of the demo user, in one
 * servlet context. The application serves one organization, {@value #ORGANIZATION}: every
 * request acts in it, so tokens bound to it and all-organization tokens pass and tokens bound to
 * another organization are refused (a request naming no organization would refuse every bound
 * token). Jetty is hardened as {@link HardenedJetty} says: a case-sensitive header cache, no
 * TRACE, {@code Cache-Control: no-store}.
 */
public final class DemoServer implements AutoCloseable {
    /** The one organization the demo serves; its own token is bound to it. */
    public static final String ORGANIZATION = "demo";
    /** Where the forward-authentication endpoint answers. */
    public static final String FORWARD_AUTH_PATH = "/auth";
    /** Where the management REST API answers, behind the container's Basic login of the demo user. */
    public static final String MANAGE_PATH = "/manage";
    /** The role of the demo user: what the login constraint of {@value #MANAGE_PATH} asks for. */
    private static final String USER_ROLE = "user";

    /** Where Git repositories are served (smart HTTP): clone {@code /git/demo.git}. */
    public static final String GIT_PATH = "/git";

    private final Server server;
    private final ServerConnector connector;
    private final DemoGit git;

    private DemoServer(Server server, ServerConnector connector, DemoGit git) {
        this.server = server;
        this.connector = connector;
        this.git = git;
    }

    /**
     * Starts serving on 127.0.0.1:{@code port} (0 picks a free port), with the Git repository
     * kept under {@code gitRoot} (created on first use).
     *
     * @throws Exception if Jetty cannot start (for example, the port is taken)
     */
    public static DemoServer start(Pat4j pat4j, int port, Path gitRoot) throws Exception {
        return start(pat4j, port, gitRoot, "demo", java.util.UUID.randomUUID().toString());
    }

    /**
     * As {@link #start(Pat4j, int, Path)}, with the management API at {@value #MANAGE_PATH} for
     * {@code user}, who signs in with {@code password} (HTTP Basic, the container's login).
     */
    public static DemoServer start(Pat4j pat4j, int port, Path gitRoot, String user, String password)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = HardenedJetty.connector(server, "127.0.0.1", port);
        server.addConnector(connector);

        DemoRepos repos = new DemoRepos();
        // sessions for the management API's CSRF token; the other paths never start one
        ServletContextHandler context = new ServletContextHandler(
                ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
        context.setContextPath("/");
        context.setSecurityHandler(manageLogin(user, password));
        HardenedJetty.noStore(context);
        Pat4jFilter filter = Pat4jFilter.builder(pat4j)
                .require("GET", "/api/repos", "code:read")
                .require("POST", "/api/repos", "code:write")
                // git: fetching needs code:read; a push's upload code:write (DemoGit refuses its first request too)
                .require("*", GIT_PATH + "/*", "code:read")
                .require("POST", GIT_PATH + "/*/git-receive-pack", DemoGit.WRITE_SCOPE)
                .organizationFrom(request -> ORGANIZATION)
                .build();
        FilterHolder pat4jFilter = new FilterHolder(filter);
        context.addFilter(pat4jFilter, "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(pat4jFilter, GIT_PATH + "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new DemoApiServlet(repos)), "/api/*");
        DemoGit git = DemoGit.open(gitRoot);
        context.addServlet(new ServletHolder(git.servlet()), GIT_PATH + "/*");

        ResourceConfig jaxrs = new ResourceConfig()
                .register(DemoResource.class)
                .property(DemoResource.REPOS_PROPERTY, repos)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(Pat4jFeature.builder(pat4j).organization(request -> ORGANIZATION).build());
        context.addServlet(new ServletHolder(new ServletContainer(jaxrs)), "/rest/*");
        // what a reverse proxy would ask (web/README.md): the same repos rules on the forwarded URI
        context.addServlet(new ServletHolder(Pat4jWeb.forwardAuth(pat4j)
                .rules(AccessRules.builder().require("GET", "/repos", "code:read")
                        .require("POST", "/repos", "code:write").build())
                .organizationFrom(request -> ORGANIZATION).build()), FORWARD_AUTH_PATH);

        // the management API (web/README.md), for the container's signed-in user: what a self-service page calls
        context.addServlet(new ServletHolder(Pat4jWeb.managementApi(pat4j).build()), MANAGE_PATH + "/*");

        server.setHandler(HardenedJetty.refusingTrace(context));
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            git.close();
            throw e;
        }
        return new DemoServer(server, connector, git);
    }

    /** Basic login on {@value #MANAGE_PATH} only: every other path keeps to pat4j's tokens. */
    private static ConstraintSecurityHandler manageLogin(String user, String password) {
        UserStore users = new UserStore();
        users.addUser(user, Credential.getCredential(password), new String[] {USER_ROLE});
        HashLoginService login = new HashLoginService("pat demo");
        login.setUserStore(users);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(new BasicAuthenticator());
        ConstraintMapping manage = new ConstraintMapping();
        manage.setPathSpec(MANAGE_PATH + "/*");
        manage.setConstraint(Constraint.from(USER_ROLE));
        security.addConstraintMapping(manage);
        return security;
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Serves until {@link #close()} is called from another thread. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting requests and finishes the ones in flight (at most two seconds). */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            git.close();
        }
    }
}
