package dev.pat4j.demo.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AccessRules;
import dev.pat4j.jaxrs.Pat4jFeature;
import dev.pat4j.servlet.Pat4jFilter;
import dev.pat4j.web.Pat4jWeb;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.SessionTrackingMode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
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
 * self-service token page at {@value #PAGE_PATH} and the management REST API it calls at
 * {@value #MANAGE_PATH}, both behind the container's login of the demo's users (a form for
 * browsers, Basic for curl), in one servlet context. The application serves one organization, {@value #ORGANIZATION}: every
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
    /** Where the management REST API answers, behind the container's login of the demo's users. */
    public static final String MANAGE_PATH = "/manage";
    /** Where the self-service token page answers (a client of {@value #MANAGE_PATH}), behind the same login. */
    public static final String PAGE_PATH = "/tokens";
    /** The sign-in form of the container's login. */
    public static final String LOGIN_PATH = "/login";
    /** The role of the demo's users: what the login constraint of {@value #MANAGE_PATH} asks for. */
    private static final String USER_ROLE = "user";
    /** The role that makes an administrator in the management API (its default). */
    private static final String ADMIN_ROLE = dev.pat4j.web.ActingUserResolver.DEFAULT_ADMINISTRATOR_ROLE;
    /** The scopes the page's form offers first; the rest are behind "Show all scopes". */
    private static final String[] COMMON_SCOPES = {"code:read", "code:write", "build:read", "build:execute",
        "packaging:read", "workitems:read"};

    /** One of the demo's users: name, password, and whether an administrator. */
    public record User(String name, String password, boolean administrator) {
        @Override
        public String toString() {
            return "User[" + name + (administrator ? ", administrator" : "") + "]";
        }
    }

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
        return start(pat4j, port, gitRoot, List.of(new User("demo", java.util.UUID.randomUUID().toString(), false)));
    }

    /**
     * As {@link #start(Pat4j, int, Path)}, with the token page at {@value #PAGE_PATH} and the
     * management API at {@value #MANAGE_PATH} for {@code users} (the container's login: a form,
     * or HTTP Basic).
     */
    public static DemoServer start(Pat4j pat4j, int port, Path gitRoot, List<User> users) throws Exception {
        Server server = new Server();
        ServerConnector connector = HardenedJetty.connector(server, "127.0.0.1", port);
        server.addConnector(connector);

        DemoRepos repos = new DemoRepos();
        // sessions for the management API's CSRF token; the other paths never start one
        ServletContextHandler context = new ServletContextHandler(
                ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
        context.setContextPath("/");
        // the session in a cookie only (never in a URL, where logs and referrers keep it), out of scripts' reach
        context.getSessionHandler().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        context.getSessionHandler().setHttpOnly(true);
        context.getSessionHandler().setSameSite(HttpCookie.SameSite.LAX);
        context.setSecurityHandler(login(users));
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
        // the self-service page (web/README.md): the browser's way to the same API
        context.addServlet(new ServletHolder(Pat4jWeb.tokenPage(MANAGE_PATH).commonScopes(COMMON_SCOPES).build()),
                PAGE_PATH + "/*");
        context.addServlet(new ServletHolder(new DemoLoginServlet(PAGE_PATH + "/page.css")), LOGIN_PATH);

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

    /**
     * The container's login on {@value #PAGE_PATH} and {@value #MANAGE_PATH} only (every other path
     * keeps to pat4j's tokens): a form for browsers, Basic for a client that sends credentials. The
     * page's stylesheet is public, so the sign-in form wears it.
     */
    private static ConstraintSecurityHandler login(List<User> users) {
        UserStore store = new UserStore();
        for (User user : users) {
            store.addUser(user.name(), Credential.getCredential(user.password()), user.administrator()
                    ? new String[] {USER_ROLE, ADMIN_ROLE} : new String[] {USER_ROLE});
        }
        HashLoginService login = new HashLoginService("pat demo");
        login.setUserStore(store);
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(new DemoAuthenticator(LOGIN_PATH, LOGIN_PATH + "?error=1"));
        for (String path : new String[] {MANAGE_PATH + "/*", PAGE_PATH + "/*"}) {
            ConstraintMapping mapping = new ConstraintMapping();
            mapping.setPathSpec(path);
            mapping.setConstraint(Constraint.from(USER_ROLE));
            security.addConstraintMapping(mapping);
        }
        ConstraintMapping style = new ConstraintMapping();
        style.setPathSpec(PAGE_PATH + "/page.css");
        style.setConstraint(Constraint.ALLOWED);
        security.addConstraintMapping(style);
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
