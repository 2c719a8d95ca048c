package dev.pat4j.servlet;

import dev.pat4j.http.OrganizationSource;
import dev.pat4j.servlet.internal.ServletRequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the organization a request acts in, so that a token bound to another organization is
 * refused. Returns null when the request names none: then pat4j accepts only all-organization
 * tokens and refuses one bound to an organization (core's rule, fail closed) unless it was built
 * with {@code acceptBoundTokensWithoutOrganization(true)}. A single-organization application
 * names its one organization: {@code request -> "acme"}. Throws
 * {@link IllegalArgumentException} when the request names it ambiguously; the filter then
 * answers 400, as every pat4j adapter does. The servlet twin of core's
 * {@link dev.pat4j.http.OrganizationSource}; implementations must be thread-safe (the built-in
 * ones are).
 */
@FunctionalInterface
public interface OrganizationResolver {

    /** The organization of {@code request}, or null if it names none. */
    @Nullable String organization(HttpServletRequest request);

    /** Requests name no organization: tokens bound to one are refused (see above). The default. */
    static OrganizationResolver none() {
        return request -> null;
    }

    /**
     * The value of request header {@code name}, exactly as sent; null when absent. The header
     * sent twice is ambiguous (400).
     */
    static OrganizationResolver header(String name) {
        if (name == null || !Pattern.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}", name)) {
            throw new IllegalArgumentException("'" + name + "' is not an HTTP header name");
        }
        return request -> {
            Enumeration<String> values = request.getHeaders(name);
            if (values == null || !values.hasMoreElements()) {
                return null;
            }
            String value = values.nextElement();
            if (values.hasMoreElements()) {
                throw new IllegalArgumentException("header " + name + " sent more than once");
            }
            return value;
        };
    }

    /**
     * Segment {@code index} (from 0) of the request path below the context path, e.g.
     * {@code pathSegment(0)} gives {@code acme} for {@code /acme/api/repos}; null when the
     * path is shorter.
     */
    static OrganizationResolver pathSegment(int index) {
        OrganizationSource segment = OrganizationSource.pathSegment(index);
        return request -> segment.organization(new ServletRequestView(request));
    }
}
