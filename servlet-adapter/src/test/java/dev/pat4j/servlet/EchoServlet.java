package dev.pat4j.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application behind the filter: GET answers with the identity the filter left on the
 * request, POST counts what it executed, so a test can tell whether a request got through.
 */
final class EchoServlet extends HttpServlet {
    final AtomicInteger posts = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, "GET " + path(req) + "\n" + identity(req));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        posts.incrementAndGet();
        write(resp, "POST " + path(req) + "\n" + identity(req));
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        posts.incrementAndGet();
        write(resp, "PUT " + path(req) + "\n" + identity(req));
    }

    private static String path(HttpServletRequest req) {
        return req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    }

    private static String identity(HttpServletRequest req) {
        Object attribute = req.getAttribute(Pat4jFilter.PRINCIPAL_ATTRIBUTE);
        return "principal=" + (req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName()) + "\n"
                + "remoteUser=" + req.getRemoteUser() + "\n"
                + "authType=" + req.getAuthType() + "\n"
                + "code:read=" + req.isUserInRole("code:read") + "\n"
                + "code:write=" + req.isUserInRole("code:write") + "\n"
                + "code:manage=" + req.isUserInRole("code:manage") + "\n"
                + "**=" + req.isUserInRole("**") + "\n"
                + "attribute=" + (attribute instanceof dev.pat4j.validation.TokenPrincipal p ? p.tokenId() : null) + "\n";
    }

    private static void write(HttpServletResponse resp, String text) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
