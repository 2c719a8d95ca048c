package dev.pat4j.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds the organization a request acts in, so that a token bound to another organization is
 * refused. Returning {@code null} means the request has no organization: then only
 * all-organization tokens are accepted and one bound to an organization is refused (core's rule,
 * fail closed) unless pat4j was built with {@code acceptBoundTokensWithoutOrganization(true)}. A
 * single-organization application names its one organization: {@code request -> "acme"}. Throwing {@link IllegalArgumentException} (the request names
 * two) refuses the request with 400, as every pat4j adapter does. It runs after resource
 * matching, so path parameters are available. The Jakarta REST twin of core's
 * {@link dev.pat4j.http.OrganizationSource}; implementations must be thread-safe (the built-in
 * ones are).
 */
@FunctionalInterface
public interface OrganizationResolver {

    /** The organization of {@code request}, or null for none. */
    @Nullable String resolve(ContainerRequestContext request);

    /** No organization: tokens bound to one are refused (see above). The default. */
    static OrganizationResolver none() {
        return request -> null;
    }

    /**
     * The value of request header {@code name}; null when it is absent. A request that repeats
     * the header is refused with 400, since it names two organizations.
     */
    static OrganizationResolver header(String name) {
        Objects.requireNonNull(name, "name");
        return request -> single(request.getHeaders().get(name), "header " + name);
    }

    /** The value of path parameter {@code name} (from {@code @Path("/{org}/...")}); null when the path has none. */
    static OrganizationResolver pathParam(String name) {
        Objects.requireNonNull(name, "name");
        return request -> single(request.getUriInfo().getPathParameters(true).get(name), "path parameter " + name);
    }

    private static String single(List<String> values, String what) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("the request names more than one organization in its " + what);
        }
        return values.get(0);
    }
}
