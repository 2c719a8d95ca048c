package dev.pat4j.http;

import dev.pat4j.http.internal.CanonicalPath;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the organization a request acts in, so that a token bound to another organization is
 * refused. Null means the request names none: then only all-organization tokens pass, and a token
 * bound to one organization is refused (core's rule, fail closed) unless pat4j was built with
 * {@link dev.pat4j.Pat4j.Builder#acceptBoundTokensWithoutOrganization(boolean)}. Throws
 * {@link IllegalArgumentException} when the request names it ambiguously (a header sent twice):
 * the gate then answers 400. Implementations must be thread-safe; the built-in ones are.
 */
@FunctionalInterface
public interface OrganizationSource {

    /** The organization of {@code request}, or null if it names none. */
    @Nullable String organization(RequestView request);

    /**
     * Requests name no organization: tokens bound to one are refused unless pat4j accepts them
     * on such requests. The default.
     */
    static OrganizationSource none() {
        return request -> null;
    }

    /** The value of header {@code name}, exactly as sent; null when absent; the header sent twice is ambiguous (400). */
    static OrganizationSource header(String name) {
        if (name == null || !Pattern.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}", name)) {
            throw new IllegalArgumentException("'" + name + "' is not an HTTP header name");
        }
        return request -> {
            List<String> values = request.headers(name);
            if (values.isEmpty()) {
                return null;
            }
            if (values.size() > 1) {
                throw new IllegalArgumentException("header " + name + " sent more than once");
            }
            return values.get(0);
        };
    }

    /**
     * Segment {@code index} (from 0) of the decoded path below the application root, e.g.
     * {@code pathSegment(0)} gives {@code acme} for {@code /acme/api/repos}; null when the path
     * is shorter.
     */
    static OrganizationSource pathSegment(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("path segment index must not be negative");
        }
        return request -> {
            List<String> segments = CanonicalPath.segments(request.path());
            if (segments == null) {
                throw new IllegalArgumentException("path is not canonical");
            }
            return index < segments.size() ? segments.get(index) : null;
        };
    }
}
