package dev.pat4j.demo.internal;

import dev.pat4j.jaxrs.RequiresScope;
import dev.pat4j.validation.TokenPrincipal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The JAX-RS half of the demo, under {@code /rest}: the same three endpoints as the servlet
 * half, guarded by pat4j's feature and {@link RequiresScope}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class DemoResource {
    /** The application property holding the shared {@link DemoRepos}. */
    static final String REPOS_PROPERTY = "dev.pat4j.demo.repos";
    private static final String SERVED_BY = "jax-rs feature";

    // Jersey creates this class per request; the shared data comes from the application's configuration
    @Context
    Configuration configuration;

    private DemoRepos repos() {
        return (DemoRepos) configuration.getProperty(REPOS_PROPERTY);
    }

    /** Any valid token. */
    @GET
    @Path("whoami")
    public String whoami(@Context SecurityContext security) {
        return DemoRepos.whoamiJson((TokenPrincipal) security.getUserPrincipal(), SERVED_BY) + "\n";
    }

    @GET
    @Path("repos")
    @RequiresScope("code:read")
    public String list() {
        return repos().listJson(SERVED_BY) + "\n";
    }

    @POST
    @Path("repos")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope("code:write")
    public Response create(@FormParam("name") String name) {
        String created = repos().add(name, SERVED_BY);
        if (created == null) {
            return Response.status(400).entity(DemoRepos.errorJson("send name=<1 to 64 of A-Z a-z 0-9 . _ ->") + "\n")
                    .type(MediaType.APPLICATION_JSON).build();
        }
        return Response.status(201).entity(created + "\n").type(MediaType.APPLICATION_JSON).build();
    }
}
