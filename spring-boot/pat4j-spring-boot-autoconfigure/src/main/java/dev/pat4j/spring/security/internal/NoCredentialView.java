package dev.pat4j.spring.security.internal;

import dev.pat4j.http.RequestGate;
import dev.pat4j.http.RequestView;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request without its {@code Authorization} header: what the gate answers for it (401 with
 * pat4j's challenges) is the answer for a request no mechanism authenticated.
 */
public record NoCredentialView(RequestView request) implements RequestView {

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String rawPath() {
        return request.rawPath();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public List<String> headers(String name) {
        return RequestGate.AUTHORIZATION.equalsIgnoreCase(name) ? List.of() : request.headers(name);
    }

    @Override
    public @Nullable String remoteAddress() {
        return request.remoteAddress();
    }
}
