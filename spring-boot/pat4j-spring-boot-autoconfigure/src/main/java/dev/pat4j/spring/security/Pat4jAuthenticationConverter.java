package dev.pat4j.spring.security;

import dev.pat4j.http.RequestGate;
import dev.pat4j.spring.security.internal.HttpRequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Claims the requests whose credential is pat4j's, as core's {@link RequestGate#claims} decides:
 * a {@code Bearer} token or a {@code Basic} credential carrying the token prefix (or mistyping
 * one), a token under another scheme, two {@code Authorization} headers. Everything else (no
 * header, a password, a JWT, another scheme's credential) gets null, so the chain's other
 * mechanisms judge it. Claiming reads the header's shape only and validates nothing.
 * Thread-safe.
 */
public final class Pat4jAuthenticationConverter implements AuthenticationConverter {
    private final RequestGate gate;

    public Pat4jAuthenticationConverter(RequestGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        HttpRequestView view = new HttpRequestView(request);
        return gate.claims(view) ? new Pat4jAuthenticationRequest(view) : null;
    }
}
