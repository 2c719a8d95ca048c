package dev.pat4j.spring.security;

import dev.pat4j.http.Decision;
import org.springframework.security.core.AuthenticationException;

/**
 * pat4j refused a token it claimed: the {@link Decision.Refuse} says the answer (401 with the
 * challenges, 503 with {@code Retry-After} while the store is down, 400 for a malformed request,
 * 429 when throttled), which {@link Pat4jConfigurer}'s failure handler writes. The message names
 * the status only, never the check that failed nor the token.
 */
public final class Pat4jAuthenticationException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final transient Decision.Refuse refusal;

    public Pat4jAuthenticationException(Decision.Refuse refusal) {
        super("pat4j refused the request: " + refusal.status());
        this.refusal = refusal;
    }

    /** The answer to send. */
    public Decision.Refuse refusal() {
        return refusal;
    }
}
