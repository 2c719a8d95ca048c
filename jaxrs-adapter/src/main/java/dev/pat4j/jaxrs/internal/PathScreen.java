package dev.pat4j.jaxrs.internal;

import dev.pat4j.http.Decision;
import dev.pat4j.http.RequestGate;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, before resource matching, a request whose raw path is not canonical ({@code ..},
 * encoded separators, {@code ;}, …) with the gate's 400: after matching the container would
 * already have answered 404 or matched a resource by its own reading of the path, and every
 * pat4j adapter answers these alike. Immutable; thread-safe.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class PathScreen implements ContainerRequestFilter {
    static final Logger LOG = LoggerFactory.getLogger("dev.pat4j.jaxrs.Pat4jFeature");

    private final RequestGate gate;

    public PathScreen(RequestGate gate) {
        this.gate = gate;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Decision.Refuse> refused = gate.screen(new JaxrsRequestView(request));
        if (refused.isPresent()) {
            refused.get().log().writeTo(LOG);
            request.abortWith(Refusals.of(refused.get()));
        }
    }
}
