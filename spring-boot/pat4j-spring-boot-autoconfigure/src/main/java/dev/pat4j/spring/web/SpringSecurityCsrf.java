package dev.pat4j.spring.web;

import dev.pat4j.web.ContainerCsrf;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Spring Security's CSRF token as the management API's CSRF protection
 * ({@link dev.pat4j.web.ManagementApiServlet.Builder#csrfByContainer}): Spring's
 * {@code CsrfFilter} checks it on every call that changes something before the API sees the
 * request, and {@code GET /csrf} hands out the request's {@link CsrfToken} (the request attribute
 * the filter sets, masked per request by Spring's default handler) with its header name
 * ({@code X-CSRF-TOKEN}). A request the filter did not see has no token, and the API then refuses
 * its session calls that change something. Keep the API's path out of
 * {@code csrf.ignoringRequestMatchers(..)}: the filter still sets its token there but checks
 * nothing. Stateless and thread-safe.
 */
public final class SpringSecurityCsrf implements ContainerCsrf {

    @Override
    public Optional<Token> token(HttpServletRequest request) {
        Object attribute = request.getAttribute(CsrfToken.class.getName());
        if (attribute instanceof CsrfToken token) {
            String value = token.getToken();
            if (value != null && !value.isEmpty()) {
                return Optional.of(new Token(token.getHeaderName(), value));
            }
        }
        return Optional.empty();
    }
}
