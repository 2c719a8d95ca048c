package dev.pat4j.jaxrs.internal;

import dev.pat4j.http.Decision;
import dev.pat4j.http.RequestGate;
import dev.pat4j.validation.TokenPrincipal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

/**
 * Enforces {@link dev.pat4j.jaxrs.RequiresScope} after authentication, through the gate's second
 * step, so a missing scope gets the same 403 {@code insufficient_scope} as a servlet path rule.
 * A request pat4j passed on (a foreign credential) is the other mechanism's to authorize.
 * Thread-safe.
 */
@Priority(Priorities.AUTHORIZATION)
public final class ScopeFilter implements ContainerRequestFilter {
    private final RequestGate gate;
    private final ResourceRules rules;

    @Context
    private ResourceInfo resourceInfo;

    public ScopeFilter(RequestGate gate, ResourceRules rules) {
        this.gate = gate;
        this.rules = rules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ResourceRules.Rule rule = rules.ruleFor(resourceInfo);
        if (!rule.scoped() || Boolean.TRUE.equals(request.getProperty(AuthenticationFilter.PASSED_ON_PROPERTY))) {
            return;
        }
        // Our own property, not getUserPrincipal(): another filter may have replaced the context.
        Object principal = request.getProperty(RequestGate.PRINCIPAL_ATTRIBUTE);
        Decision decision = gate.authorize(new JaxrsRequestView(request),
                principal instanceof TokenPrincipal p ? p : null, rule.scopes());
        if (decision instanceof Decision.Refuse refuse) {
            refuse.log().writeTo(PathScreen.LOG);
            request.abortWith(Refusals.of(refuse));
        }
    }
}
