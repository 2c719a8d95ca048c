package dev.pat4j.demo.internal;

import dev.pat4j.web.TokenPageServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's sign-in page, where Jetty's form login sends a browser: a form posting to
 * {@code j_security_check}, in the token page's own stylesheet (public, so it loads before the
 * login), under the same Content-Security-Policy as the page. Stateless.
 */
final class DemoLoginServlet extends HttpServlet {
    private final String stylesheet;

    DemoLoginServlet(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean failed = request.getParameter("error") != null;
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign in · pat demo</title><link rel="stylesheet" href="%s"></head>
                <body><div class="pat4j"><main class="p-shell" id="p-main">
                <div class="p-toolbar"><div><h1>Sign in to pat demo</h1>
                <p class="p-lead">The users and their passwords are on the console where <code>./pat demo</code> runs.</p></div></div>
                %s<form class="p-search" method="post" action="/j_security_check">
                <div class="p-field"><label for="user">User name</label>
                <input type="text" id="user" name="j_username" autocomplete="username" required></div>
                <div class="p-field"><label for="password">Password</label>
                <input type="password" id="password" name="j_password" autocomplete="current-password" required></div>
                <button type="submit" class="p-button p-primary" id="sign-in">Sign in</button>
                </form></main></div></body></html>
                """.formatted(stylesheet, failed
                ? "<p class=\"p-banner p-banner-error\" role=\"alert\">The user name or password is wrong.</p>\n" : "");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", TokenPageServlet.CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
