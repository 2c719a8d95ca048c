package dev.pat4j.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The servlet container's own CSRF protection, for {@link ManagementApiServlet.Builder#csrfByContainer}:
 * where a filter in front of the API (Spring Security's {@code CsrfFilter}) already checks a CSRF
 * token on every call that changes something, the API leaves that check to it instead of
 * demanding its own synchronizer token as well, and {@code GET /csrf} hands out the container's
 * token, so a page fetches it there as before. Implementations answer from the request (Spring
 * Security's {@code CsrfToken} request attribute) and must be thread-safe.
 */
@FunctionalInterface
public interface ContainerCsrf {

    /**
     * The container's CSRF token for {@code request}: the one its protection expects on the
     * calls that change something. Empty when the container keeps none for this request (its
     * protection does not run on this path): the API then refuses every such call made with the
     * container's session or login, rather than leave it unguarded.
     */
    Optional<Token> token(HttpServletRequest request);

    /**
     * A CSRF token and the request header the container reads it from. Immutable; its
     * {@code toString} hides the value.
     *
     * @param headerName the header a page sends the token in (Spring's {@code X-CSRF-TOKEN})
     * @param value the token
     */
    record Token(String headerName, String value) {
        public Token {
            Objects.requireNonNull(headerName, "headerName");
            Objects.requireNonNull(value, "value");
            if (headerName.isBlank() || value.isEmpty()) {
                throw new IllegalArgumentException("a CSRF token needs a header name and a value");
            }
        }

        @Override
        public String toString() {
            return "Token[headerName=" + headerName + ", value=<redacted>]";
        }
    }
}
