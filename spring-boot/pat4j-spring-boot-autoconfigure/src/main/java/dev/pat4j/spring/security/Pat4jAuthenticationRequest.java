package dev.pat4j.spring.security;

import dev.pat4j.http.RequestView;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request that {@link Pat4jAuthenticationConverter} claimed for pat4j, not yet judged: what
 * {@link Pat4jAuthenticationProvider} authenticates. It holds the request's view for core's
 * {@link dev.pat4j.http.RequestGate}; it never exposes the credential ({@link #getCredentials()}
 * and {@link #getPrincipal()} are empty), and lives for one request on one thread.
 */
public final class Pat4jAuthenticationRequest extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    private final transient RequestView request;

    public Pat4jAuthenticationRequest(RequestView request) {
        super(List.of());
        this.request = request;
    }

    /** The request, as the gate reads it. */
    public RequestView request() {
        return request;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "";
    }
}
