package dev.pat4j.jaxrs.internal;

import dev.pat4j.http.AccessRules.Requirement;
import dev.pat4j.http.Decision;
import dev.pat4j.http.RequestGate;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

/**
 * Asks the gate about every matched request, with the requirement the resource's annotations
 * give (anonymous for {@code @PermitAll}, else a valid token), and translates: a
 * {@link TokenSecurityContext} for a token, nothing for an anonymous request, a mark for a
 * passed-on one, the refusal otherwise. Thread-safe (the injected {@code ResourceInfo} is a
 * per-request proxy).
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    /** The request property marking a request whose foreign credential pat4j passed on. */
    public static final String PASSED_ON_PROPERTY = "dev.pat4j.passedOn";

    private final RequestGate gate;
    private final ResourceRules rules;

    @Context
    private ResourceInfo resourceInfo;

    public AuthenticationFilter(RequestGate gate, ResourceRules rules) {
        this.gate = gate;
        this.rules = rules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ResourceRules.Rule rule = rules.ruleFor(resourceInfo);
        Requirement need = rule.refuseAll() ? Requirement.DENIED
                : rule.anonymous() ? Requirement.ANONYMOUS : Requirement.AUTHENTICATED;
        Decision decision = gate.decide(new JaxrsRequestView(request), need);
        decision.log().writeTo(PathScreen.LOG);
        if (decision instanceof Decision.Proceed proceed) {
            if (!proceed.anonymous()) {
                boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
                request.setProperty(RequestGate.PRINCIPAL_ATTRIBUTE, proceed.principal());
                request.setSecurityContext(new TokenSecurityContext(proceed.principal(), secure));
            }
        } else if (decision instanceof Decision.Refuse refuse) {
            request.abortWith(Refusals.of(refuse));
        } else { // PassOn: the next mechanism authenticates and authorizes this request
            request.setProperty(PASSED_ON_PROPERTY, Boolean.TRUE);
        }
    }
}
