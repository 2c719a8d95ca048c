package dev.pat4j.spring.security.internal;

import dev.pat4j.http.Decision;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the gate's refusal as it is: status, headers (the challenges, {@code Retry-After},
 * {@code Cache-Control: no-store}) and the fixed body, directly rather than through
 * {@code sendError}, so no error page changes it. Stateless.
 */
public final class RefusalWriter {
    private RefusalWriter() {
    }

    public static void write(HttpServletResponse response, Decision.Refuse refuse) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(refuse.status());
        for (Decision.Header header : refuse.headers()) {
            response.addHeader(header.name(), header.value());
        }
        byte[] body = refuse.body().bytes();
        response.setContentType(Decision.Body.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
