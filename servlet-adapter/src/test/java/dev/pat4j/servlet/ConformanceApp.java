package dev.pat4j.servlet;

import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.testkit.http.AdapterConformanceSuite;
import dev.pat4j.testkit.http.ConformanceTable;
import dev.pat4j.testkit.http.ConformanceWorld;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * The endpoints and the second mechanism {@link AdapterConformanceSuite} expects, as a servlet
 * web application: {@code Pat4jFilter} built as the README shows, then a second filter, then
 * one servlet.
 */
final class ConformanceApp {
    private ConformanceApp() {
    }

    /** The web application of one mount. */
    static ServletContainerInitializer mount(ConformanceWorld world, ForeignCredentials policy) {
        Pat4jFilter pat4j = Pat4jFilter.builder(world.pat4j())
                .require("GET", "/repos/*", "code:read")
                .require("POST", "/repos/*", "code:write")
                .anonymous("/health")
                .organizationFrom(OrganizationResolver.header(AdapterConformanceSuite.ORGANIZATION_HEADER))
                .realm(ConformanceTable.REALM)
                .retryAfter(Duration.ofSeconds(ConformanceTable.RETRY_AFTER_SECONDS))
                .foreignCredentials(policy)
                .build();
        return (classes, context) -> {
            context.addFilter("pat4j", pat4j).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            context.addFilter("second", new SecondMechanism())
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
            context.addServlet("endpoints", new Endpoints()).addMapping("/");
        };
    }

    /** Password Basic auth for one user and a fixed JWT-shaped bearer, after pat4j on the same paths. */
    static final class SecondMechanism implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            String authorization = request.getHeader("Authorization");
            if (request.getUserPrincipal() != null || authorization == null) {
                chain.doFilter(req, resp);
                return;
            }
            String user = authorization.equals(ConformanceTable.FOREIGN_BASIC) ? "alice"
                    : authorization.equals("Bearer " + ConformanceTable.FOREIGN_JWT) ? "jwt-user" : null;
            if (user == null) {
                HttpServletResponse response = (HttpServletResponse) resp;
                response.setStatus(401);
                response.setHeader("WWW-Authenticate", ConformanceTable.OTHER_CHALLENGE);
                response.setContentType("text/plain;charset=UTF-8");
                response.getOutputStream().write(ConformanceTable.OTHER_BODY.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, resp);
        }
    }

    /** {@code GET /whoami}, {@code GET|POST /repos}, {@code GET /health}; anything else 404. */
    static final class Endpoints extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
            String name = req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName();
            switch (path) {
                case "/whoami" -> write(resp, "whoami " + name);
                case "/repos" -> write(resp, "repos of " + name);
                case "/health" -> write(resp, "health " + (name == null ? "anonymous" : name));
                default -> resp.sendError(404);
            }
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
            if (List.of("/repos").contains(path)) {
                write(resp, "created by " + req.getUserPrincipal().getName());
            } else {
                resp.sendError(404);
            }
        }

        private static void write(HttpServletResponse resp, String text) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
