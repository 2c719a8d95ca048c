package dev.pat4j.demo.internal;

import dev.pat4j.validation.TokenPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The servlet half of the demo, under {@code /api}: pat4j's servlet filter has authenticated the
 * request and checked its scopes before this runs, so it only reads the principal.
 */
final class DemoApiServlet extends HttpServlet {
    private static final String SERVED_BY = "servlet filter";
    private final transient DemoRepos repos;

    DemoApiServlet(DemoRepos repos) {
        this.repos = repos;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (path(request)) {
            case "/whoami" -> send(response, 200,
                    DemoRepos.whoamiJson((TokenPrincipal) request.getUserPrincipal(), SERVED_BY));
            case "/repos" -> send(response, 200, repos.listJson(SERVED_BY));
            default -> send(response, 404, DemoRepos.errorJson("not found"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/repos".equals(path(request))) {
            send(response, 404, DemoRepos.errorJson("not found"));
            return;
        }
        String created = repos.add(request.getParameter("name"), SERVED_BY);
        if (created == null) {
            send(response, 400, DemoRepos.errorJson("send name=<1 to 64 of A-Z a-z 0-9 . _ ->"));
        } else {
            send(response, 201, created);
        }
    }

    private static String path(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path;
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().println(json);
    }
}
