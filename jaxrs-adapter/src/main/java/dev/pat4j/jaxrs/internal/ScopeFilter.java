package dev.pat4j.jaxrs.internal;

import dev.pat4j.jaxrs.Pat4jFeature;
import dev.pat4j.validation.TokenPrincipal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link dev.pat4j.jaxrs.RequiresScope} after authentication: a token lacking a
 * required scope gets 403 with an RFC 6750 {@code insufficient_scope} challenge.
 */
@Priority(Priorities.AUTHORIZATION)
public final class ScopeFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeFilter.class);

    private final ResourceRules rules;
    private final Challenges challenges;

    @Context
    private ResourceInfo resourceInfo;

    public ScopeFilter(ResourceRules rules, Challenges challenges) {
        this.rules = rules;
        this.challenges = challenges;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ResourceRules.Rule rule = rules.ruleFor(resourceInfo);
        if (!rule.scoped()) {
            return;
        }
        // Our own property, not getUserPrincipal(): another filter may have replaced the context.
        if (!(request.getProperty(Pat4jFeature.PRINCIPAL_PROPERTY) instanceof TokenPrincipal principal)) {
            LOG.info("pat4j refused {}: scopes required but no token authenticated", RequestLog.describe(request));
            request.abortWith(challenges.unauthorized());
            return;
        }
        if (!rule.satisfiedBy(principal.scopes())) {
            LOG.info("pat4j refused {}: insufficient scope, requires [{}], token {} holds [{}]",
                    RequestLog.describe(request), rule.scopeAttribute(), principal.tokenId(),
                    principal.scopes().format());
            request.abortWith(challenges.insufficientScope(rule.scopeAttribute()));
        }
    }
}
