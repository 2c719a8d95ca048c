package dev.pat4j.web.api;

import dev.pat4j.web.ContainerCsrf;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * A container's own CSRF protection, as Spring Security's {@code CsrfFilter} behaves: it puts its
 * token in a request attribute on every request and answers 403 itself to a call that changes
 * something without that token in {@value #HEADER}. One fixed token per server is enough here:
 * what is tested is that the API defers to such a filter, not the filter.
 */
final class ContainerCsrfFilter implements Filter {
    static final String HEADER = "X-Container-Csrf";
    static final String ATTRIBUTE = "test.container.csrf";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String token;

    ContainerCsrfFilter(String token) {
        this.token = token;
    }

    /** What the API is given: the attribute, where this filter ran. */
    static ContainerCsrf tokens() {
        return request -> Optional.ofNullable((String) request.getAttribute(ATTRIBUTE))
                .map(t -> new ContainerCsrf.Token(HEADER, t));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        request.setAttribute(ATTRIBUTE, token);
        String sent = request.getHeader(HEADER);
        if (!SAFE.contains(request.getMethod()) && (sent == null || !MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))) {
            ((HttpServletResponse) res).sendError(403, "container CSRF");
            return;
        }
        chain.doFilter(req, res);
    }
}
