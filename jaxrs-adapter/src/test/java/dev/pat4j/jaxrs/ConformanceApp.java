package dev.pat4j.jaxrs;

import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.testkit.http.AdapterConformanceSuite;
import dev.pat4j.testkit.http.ConformanceTable;
import dev.pat4j.testkit.http.ConformanceWorld;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;

/**
 * The endpoints and the second mechanism {@link AdapterConformanceSuite} expects, as a Jakarta
 * REST application: {@code Pat4jFeature} built as the README shows, a second authentication
 * filter after it, and three resources.
 */
final class ConformanceApp {
    private ConformanceApp() {
    }

    static Application mount(ConformanceWorld world, ForeignCredentials policy) {
        Pat4jFeature feature = Pat4jFeature.builder(world.pat4j())
                .realm(ConformanceTable.REALM)
                .organization(OrganizationResolver.header(AdapterConformanceSuite.ORGANIZATION_HEADER))
                .retryAfter(Duration.ofSeconds(ConformanceTable.RETRY_AFTER_SECONDS))
                .foreignCredentials(policy)
                .build();
        return new Application() {
            @Override
            public Set<Class<?>> getClasses() {
                return Set.of(WhoAmI.class, Repos.class, Health.class);
            }

            // Deprecated in Jakarta REST 4.0 in favour of CDI, yet the one portable way to hand
            // both containers configured instances; Jersey and RESTEasy still honour it.
            @Override
            @SuppressWarnings("deprecation")
            public Set<Object> getSingletons() {
                return Set.of(feature, new SecondMechanism());
            }
        };
    }

    /** A fake JWT bearer and password Basic auth for one user, after pat4j, on the same resources. */
    @Priority(Priorities.AUTHENTICATION + 100)
    public static final class SecondMechanism implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String authorization = request.getHeaderString("Authorization");
            SecurityContext current = request.getSecurityContext();
            if ((current != null && current.getUserPrincipal() != null) || authorization == null) {
                return;
            }
            String user = authorization.equals(ConformanceTable.FOREIGN_BASIC) ? "alice"
                    : authorization.equals("Bearer " + ConformanceTable.FOREIGN_JWT) ? "jwt-user" : null;
            if (user == null) {
                request.abortWith(Response.status(401).header("WWW-Authenticate", ConformanceTable.OTHER_CHALLENGE)
                        .type("text/plain;charset=UTF-8").entity(ConformanceTable.OTHER_BODY).build());
                return;
            }
            Principal principal = () -> user;
            request.setSecurityContext(new SecurityContext() {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return false;
                }

                @Override
                public boolean isSecure() {
                    return false;
                }

                @Override
                public String getAuthenticationScheme() {
                    return "OTHER";
                }
            });
        }
    }

    @Path("whoami")
    @Produces(MediaType.TEXT_PLAIN)
    public static class WhoAmI {
        @GET
        public String get(@Context SecurityContext security) {
            return "whoami " + security.getUserPrincipal().getName();
        }
    }

    @Path("repos")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Repos {
        @GET
        @RequiresScope("code:read")
        public String list(@Context SecurityContext security) {
            return "repos of " + security.getUserPrincipal().getName();
        }

        @POST
        @RequiresScope("code:write")
        public String create(@Context SecurityContext security) {
            return "created by " + security.getUserPrincipal().getName();
        }
    }

    @Path("health")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public static class Health {
        @GET
        public String get(@Context SecurityContext security) {
            return "health " + (security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName());
        }
    }
}
