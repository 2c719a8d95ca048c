package dev.pat4j.web.forward;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;

/**
 * The upstream behind the proxy: answers 200 with one line per header it received that names
 * an identity ({@code x-pat4j-*}) or carries a credential ({@code authorization}), as
 * {@code name: value}, so a test sees exactly what reached the service.
 */
final class EchoServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder body = new StringBuilder(request.getMethod()).append(' ').append(request.getRequestURI())
                .append('\n');
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-pat4j") || lower.equals("authorization")) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    body.append(lower).append(": ").append(value).append('\n');
                }
            }
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
