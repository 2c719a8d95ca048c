package dev.pat4j.spring.security;

import dev.pat4j.http.Decision;
import dev.pat4j.http.RequestGate;
import dev.pat4j.http.RequestView;
import dev.pat4j.spring.security.internal.NoCredentialView;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * Judges a {@link Pat4jAuthenticationRequest} with core's {@link RequestGate}: a valid token
 * becomes a {@link Pat4jAuthenticationToken}; anything else a {@link Pat4jAuthenticationException}
 * carrying the gate's answer. Logs the gate's line (logger {@code dev.pat4j.spring.security}),
 * which names the check and the token id, never the token. Thread-safe.
 */
public final class Pat4jAuthenticationProvider implements AuthenticationProvider {
    private static final Logger LOG = LoggerFactory.getLogger("dev.pat4j.spring.security");

    private final RequestGate gate;

    public Pat4jAuthenticationProvider(RequestGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        RequestView request = ((Pat4jAuthenticationRequest) authentication).request();
        Decision decision = gate.decide(request);
        decision.log().writeTo(LOG);
        if (decision instanceof Decision.Proceed proceed && proceed.principal() != null) {
            return new Pat4jAuthenticationToken(proceed.principal());
        }
        if (decision instanceof Decision.Refuse refuse) {
            throw new Pat4jAuthenticationException(refuse);
        }
        // a claimed request always carries a credential, so it is never anonymous nor passed on
        throw new Pat4jAuthenticationException(unauthorized(gate, request));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return Pat4jAuthenticationRequest.class.isAssignableFrom(authentication);
    }

    /** The gate's 401 for a request without credential: status, challenges and body. */
    static Decision.Refuse unauthorized(RequestGate gate, RequestView request) {
        return (Decision.Refuse) gate.decide(new NoCredentialView(request));
    }
}
