package dev.pat4j.web;

import dev.pat4j.Pat4j;

/**
 * The entry point of pat4j's web module: static factories for pat4j's own HTTP endpoints, each a
 * servlet to mount in any Servlet 6 container. Holds no state.
 */
public final class Pat4jWeb {
    private Pat4jWeb() {
    }

    /**
     * Starts configuring the forward-authentication endpoint: the servlet a reverse proxy asks
     * about every request (nginx {@code auth_request}, Traefik {@code forwardAuth}, Caddy
     * {@code forward_auth}), which checks tokens with {@code pat4j}.
     */
    public static ForwardAuthServlet.Builder forwardAuth(Pat4j pat4j) {
        return ForwardAuthServlet.builder(pat4j);
    }

    /**
     * Starts configuring the management REST API: the servlet through which signed-in users
     * manage their own tokens and administrators everyone's (see {@link ManagementApiServlet}).
     */
    public static ManagementApiServlet.Builder managementApi(Pat4j pat4j) {
        return ManagementApiServlet.builder(pat4j);
    }

    /**
     * Starts configuring the self-service page (see {@link TokenPageServlet}): static HTML, CSS
     * and JavaScript that call the management API mounted at {@code apiPath} (a path from the
     * context root, such as {@code /manage}) on behalf of the signed-in user.
     */
    public static TokenPageServlet.Builder tokenPage(String apiPath) {
        return TokenPageServlet.builder(apiPath);
    }
}
