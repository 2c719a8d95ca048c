package dev.pat4j.web.page;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's form-login page (Jetty's {@code FormAuthenticator} posts it to
 * {@code j_security_check}), styled by the token page's own stylesheet, which is public. No
 * inline script or style, so the same Content-Security-Policy holds.
 */
final class LoginServlet extends HttpServlet {
    private final String stylesheet;

    LoginServlet(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean failed = request.getParameter("error") != null;
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Sign in</title><link rel="stylesheet" href="%s"></head>
                <body><div class="pat4j"><main class="p-shell" id="p-main">
                <div class="p-toolbar"><div><h1>Sign in</h1><p class="p-lead">To manage your personal access tokens.</p></div></div>
                %s
                <form class="p-search" method="post" action="/j_security_check">
                <div class="p-field"><label for="user">User name</label><input type="text" id="user" name="j_username" autocomplete="username" required></div>
                <div class="p-field"><label for="password">Password</label><input type="password" id="password" name="j_password" autocomplete="current-password" required></div>
                <button type="submit" class="p-button p-primary" id="sign-in">Sign in</button>
                </form></main></div></body></html>
                """.formatted(stylesheet, failed
                ? "<p class=\"p-banner p-banner-error\" role=\"alert\">The user name or password is wrong.</p>" : "");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
