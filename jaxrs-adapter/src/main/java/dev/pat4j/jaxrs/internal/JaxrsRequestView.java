package dev.pat4j.jaxrs.internal;

import dev.pat4j.http.RequestView;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/**
 * A Jakarta REST request as {@link dev.pat4j.http.RequestGate} sees it: the raw path is the
 * request URI's, the path is the decoded path below the application's base URI. Jakarta REST
 * offers no portable peer address, so {@link #remoteAddress()} is null; the feature's
 * {@code peerAddress} function supplies one to the client-address resolver ({@link PeerAddress}).
 * For one request on one thread.
 */
public record JaxrsRequestView(ContainerRequestContext request) implements RequestView {

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String rawPath() {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    @Override
    public String path() {
        String path = request.getUriInfo().getPath(true);
        return path == null || path.isEmpty() ? "/" : path.charAt(0) == '/' ? path : "/" + path;
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public String remoteAddress() {
        return null;
    }
}
