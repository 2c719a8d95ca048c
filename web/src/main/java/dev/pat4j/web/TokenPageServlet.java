package dev.pat4j.web;

import dev.pat4j.scope.ScopeCatalog;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The self-service page: the "New token … copy … Revoke" page of Azure DevOps, GitHub and
 * GitLab, as static HTML, CSS and JavaScript shipped in this jar. It is a pure client of the
 * management REST API ({@link ManagementApiServlet}) mounted at the path given to
 * {@link Pat4jWeb#tokenPage(String)}: every decision about who may do what is the API's, so the
 * page needs the same login in front of it as the API, and nothing else.
 *
 * <p>Mount it under a path of its own with a trailing {@code /*} (for example {@code /tokens/*}):
 * the page answers at that path and its scripts and styles below it. Every answer carries a
 * strict {@code Content-Security-Policy} (scripts, styles and calls from this origin only, no
 * framing, no inline code), {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}. Colours and fonts are CSS custom properties, which a
 * {@linkplain Builder#stylesheet stylesheet} of the application's own may set.
 *
 * <p>Built by {@link Pat4jWeb#tokenPage(String)}; immutable and thread-safe.
 */
public final class TokenPageServlet extends HttpServlet {
    /** The Content-Security-Policy of every answer: nothing but this origin's own files and calls. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; object-src 'none'";
    /** The page's title when none is given. */
    public static final String DEFAULT_TITLE = "Personal access tokens";

    private static final String RESOURCES = "/dev/pat4j/web/page/";
    private static final String SCRIPT = "page.js";
    private static final String STYLE = "page.css";

    private final transient String template;
    private final transient byte[] script;
    private final transient byte[] style;
    private final String apiPath;
    private final String title;
    private final @Nullable String stylesheet;
    private final List<String> commonScopes;

    private TokenPageServlet(Builder b) {
        this.apiPath = b.apiPath;
        this.title = b.title;
        this.stylesheet = b.stylesheet;
        this.commonScopes = List.copyOf(b.commonScopes);
        this.template = new String(resource("page.html"), StandardCharsets.UTF_8);
        this.script = resource(SCRIPT);
        this.style = resource(STYLE);
    }

    static Builder builder(String apiPath) {
        return new Builder(apiPath);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            plain(response, 405, "method not allowed");
            return;
        }
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            // the page itself names where the API is: the page is the same for every user, but never cached
            // beyond the session, as it sits behind the login
            response.setHeader("Cache-Control", "no-store");
            send(response, "text/html;charset=UTF-8", page(request).getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/" + SCRIPT)) {
            response.setHeader("Cache-Control", "no-cache");
            send(response, "text/javascript;charset=UTF-8", script);
        } else if (path.equals("/" + STYLE)) {
            response.setHeader("Cache-Control", "no-cache");
            send(response, "text/css;charset=UTF-8", style);
        } else {
            plain(response, 404, "not found");
        }
    }

    private String page(HttpServletRequest request) {
        String context = request.getContextPath();
        String base = context + request.getServletPath();
        String extra = stylesheet == null ? ""
                : "\n  <link rel=\"stylesheet\" href=\"" + html(stylesheet.startsWith("/") ? context + stylesheet
                        : stylesheet) + "\">";
        return template.replace("{{title}}", html(title))
                .replace("{{api}}", html(context + apiPath))
                .replace("{{common}}", html(String.join(" ", commonScopes)))
                .replace("{{style}}", html(base + "/" + STYLE))
                .replace("{{script}}", html(base + "/" + SCRIPT))
                .replace("{{stylesheet}}", extra);
    }

    private static void send(HttpServletResponse response, String type, byte[] body) throws IOException {
        response.setStatus(200);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Text for an HTML attribute or element: every character that could end either is escaped. */
    static String html(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static byte[] resource(String name) {
        try (InputStream in = TokenPageServlet.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the page's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures the page; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String apiPath;
        private String title = DEFAULT_TITLE;
        private @Nullable String stylesheet;
        private final Set<String> commonScopes = new LinkedHashSet<>();

        private Builder(String apiPath) {
            this.apiPath = path(apiPath, "the API's path");
        }

        /** The page's heading and the browser tab's title; default {@value #DEFAULT_TITLE}. */
        public Builder title(String title) {
            Objects.requireNonNull(title, "title");
            String t = title.strip();
            if (t.isEmpty() || t.length() > 100 || t.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("the title is 1 to 100 characters, without control characters");
            }
            this.title = t;
            return this;
        }

        /**
         * A stylesheet of the application's own, loaded after the page's: where it sets the page's
         * CSS custom properties ({@code --pat4j-accent}, {@code --pat4j-font}, …; see
         * {@code web/README.md}). A path from the context root ({@code /theme.css}); the
         * Content-Security-Policy allows this origin only.
         */
        public Builder stylesheet(String path) {
            this.stylesheet = path(path, "the stylesheet's path");
            return this;
        }

        /**
         * The scopes the form offers first (Azure DevOps shows a few and the rest behind "Show all
         * scopes"), in any order; the form keeps the catalog's order. Without any, the form shows
         * every scope at once.
         */
        public Builder commonScopes(String... scopes) {
            List<String> names = new ArrayList<>();
            for (String scope : scopes) {
                if (scope == null || !ScopeCatalog.isValidName(scope)) {
                    throw new IllegalArgumentException("a common scope must be a valid scope name");
                }
                names.add(scope);
            }
            commonScopes.addAll(names);
            return this;
        }

        public TokenPageServlet build() {
            return new TokenPageServlet(this);
        }

        /** A path from the context root: starts with a slash, no trailing one, nothing a URL would read otherwise. */
        private static String path(String path, String what) {
            Objects.requireNonNull(path, what);
            if (!path.matches("(/[A-Za-z0-9._~-]+)+") || path.contains("/./") || path.contains("/../")
                    || path.endsWith("/.") || path.endsWith("/..")) {
                throw new IllegalArgumentException(what + " is a path from the context root, such as /manage: "
                        + "slash-separated letters, digits and . _ ~ -, without a trailing slash");
            }
            return path;
        }
    }
}
