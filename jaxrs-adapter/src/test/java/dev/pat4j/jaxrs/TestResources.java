package dev.pat4j.jaxrs;

import dev.pat4j.validation.TokenPrincipal;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;

/** The resources both containers serve, and the two applications that deploy them. */
final class TestResources {
    private TestResources() {
    }

    /** The main application: {@code Pat4jFeature} with authentication required by default. */
    static Application main(Pat4jFeature feature) {
        return application(feature, Repos.class, WhoAmI.class, Admin.class, Health.class, Builds.class,
                Status.class, Projects.class, PipelineResource.class);
    }

    /** An application with {@code requireAuthentication(false)} and the organization in the path. */
    static Application openByDefault(Pat4jFeature feature) {
        return application(feature, OrgRepos.class, Open.class);
    }

    private static Application application(Pat4jFeature feature, Class<?>... resources) {
        return new Application() {
            @Override
            public Set<Class<?>> getClasses() {
                return Set.of(resources);
            }

            // Deprecated in Jakarta REST 4.0 in favour of CDI, yet the one portable way to hand
            // both containers a configured instance; Jersey and RESTEasy still honour it.
            @Override
            @SuppressWarnings("deprecation")
            public Set<Object> getSingletons() {
                return Set.of(feature);
            }
        };
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

    /** No annotation at all: covered by the default "authentication required". */
    @Path("whoami")
    @Produces(MediaType.TEXT_PLAIN)
    public static class WhoAmI {
        @GET
        public String get(@Context SecurityContext security) {
            TokenPrincipal p = (TokenPrincipal) security.getUserPrincipal();
            return "owner=" + p.getName()
                    + "\ntoken=" + p.tokenId()
                    + "\norganization=" + p.organization()
                    + "\nscheme=" + security.getAuthenticationScheme()
                    + "\nsecure=" + security.isSecure()
                    + "\ncode:read=" + security.isUserInRole("code:read")
                    + "\ncode:write=" + security.isUserInRole("code:write")
                    + "\ncode:manage=" + security.isUserInRole("code:manage")
                    + "\n";
        }
    }

    /** Enforced by the container's own role feature, through {@code isUserInRole(scope)}. */
    @Path("admin")
    @RolesAllowed("code:manage")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Admin {
        @GET
        public String get(@Context SecurityContext security) {
            return "admin " + security.getUserPrincipal().getName();
        }
    }

    @Path("health")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    public static class Health {
        @GET
        public String get(@Context SecurityContext security) {
            return security.getUserPrincipal() == null ? "ok, anonymous" : "ok, " + security.getUserPrincipal().getName();
        }
    }

    /** Class and method scopes both apply; a scope the catalog does not declare refuses everyone. */
    @Path("builds")
    @RequiresScope("code:read")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Builds {
        @GET
        @RequiresScope("build:read")
        public String list() {
            return "builds";
        }

        @GET
        @Path("mistake")
        @RequiresScope("build:nonexistent")
        public String mistake() {
            return "never";
        }
    }

    /** The method's @PermitAll wins over its class's @RolesAllowed. */
    @Path("status")
    @RolesAllowed("code:manage")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Status {
        @GET
        @PermitAll
        public String get() {
            return "status open";
        }

        @POST
        public String change(@Context SecurityContext security) {
            return "status changed by " + security.getUserPrincipal().getName();
        }
    }

    /** A sub-resource locator: containers do not offer its methods to dynamic features. */
    @Path("projects")
    public static class Projects {
        @Path("{name}")
        public Project project(@PathParam("name") String name) {
            return new Project(name);
        }
    }

    @Produces(MediaType.TEXT_PLAIN)
    public static class Project {
        private final String name;

        Project(String name) {
            this.name = name;
        }

        @GET
        public String get(@Context SecurityContext security) {
            return "project " + name + " for " + security.getUserPrincipal().getName();
        }

        @POST
        @RequiresScope("project:write")
        public String change(@Context SecurityContext security) {
            return "project " + name + " changed by " + security.getUserPrincipal().getName();
        }
    }

    /** The resource method and its scope are declared on an interface (Jakarta REST annotation inheritance). */
    public interface Pipelines {
        @POST
        @RequiresScope("build:execute")
        String run();
    }

    @Path("pipelines")
    @Produces(MediaType.TEXT_PLAIN)
    public static class PipelineResource implements Pipelines {
        @Override
        public String run() {
            return "pipeline started";
        }
    }

    @Path("orgs/{org}/repos")
    @Produces(MediaType.TEXT_PLAIN)
    public static class OrgRepos {
        @GET
        @RequiresScope("code:read")
        public String list(@PathParam("org") String org, @Context SecurityContext security) {
            return "repos of " + org + " for " + security.getUserPrincipal().getName();
        }
    }

    /** Unannotated, in the application whose feature does not require authentication. */
    @Path("open")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Open {
        @GET
        public String get(@Context SecurityContext security) {
            return security.getUserPrincipal() == null ? "open, anonymous" : "open, " + security.getUserPrincipal().getName();
        }
    }
}
