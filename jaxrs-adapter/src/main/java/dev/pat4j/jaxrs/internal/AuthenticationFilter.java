package dev.pat4j.jaxrs.internal;

import dev.pat4j.jaxrs.OrganizationResolver;
import dev.pat4j.jaxrs.Pat4jFeature;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every matched request from its {@code Authorization} header and installs a
 * {@link TokenSecurityContext}. A request without the header passes only to an anonymous
 * resource; a presented header must be valid everywhere. Two headers are refused: which one
 * counts would otherwise depend on the container.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final TokenValidator validator;
    private final OrganizationResolver organizations;
    private final ResourceRules rules;
    private final Challenges challenges;

    @Context
    private ResourceInfo resourceInfo;

    public AuthenticationFilter(TokenValidator validator, OrganizationResolver organizations, ResourceRules rules,
                                Challenges challenges) {
        this.validator = validator;
        this.organizations = organizations;
        this.rules = rules;
        this.challenges = challenges;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> headers = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (headers == null || headers.isEmpty()) {
            if (!rules.ruleFor(resourceInfo).anonymous()) {
                LOG.debug("pat4j refused {}: {}", RequestLog.describe(request), RejectionReason.MISSING);
                request.abortWith(challenges.unauthorized());
            }
            return;
        }
        if (headers.size() > 1) {
            LOG.info("pat4j refused {}: {} ({} Authorization headers)", RequestLog.describe(request),
                    RejectionReason.MALFORMED, headers.size());
            request.abortWith(challenges.unauthorized());
            return;
        }
        String organization;
        try {
            organization = organizations.resolve(request);
        } catch (RuntimeException e) {
            LOG.info("pat4j refused {}: organization not resolved ({})", RequestLog.describe(request), e.getMessage());
            request.abortWith(challenges.unauthorized());
            return;
        }
        ValidationResult result = validator.check(headers.get(0), organization);
        if (result instanceof ValidationResult.Authenticated authenticated) {
            admit(request, authenticated.principal());
        } else {
            refuse(request, (ValidationResult.Rejected) result);
        }
    }

    private void admit(ContainerRequestContext request, TokenPrincipal principal) {
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setProperty(Pat4jFeature.PRINCIPAL_PROPERTY, principal);
        request.setSecurityContext(new TokenSecurityContext(principal, secure));
        LOG.debug("pat4j admitted {}: token {} of {}", RequestLog.describe(request), principal.tokenId(),
                principal.owner());
    }

    private void refuse(ContainerRequestContext request, ValidationResult.Rejected rejected) {
        String tokenId = rejected.tokenId() == null ? "-" : rejected.tokenId();
        if (rejected.reason() == RejectionReason.STORE_UNAVAILABLE) {
            LOG.warn("pat4j refused {}: {} (token {})", RequestLog.describe(request), rejected.reason(), tokenId);
            request.abortWith(challenges.unavailable());
            return;
        }
        LOG.info("pat4j refused {}: {} (token {})", RequestLog.describe(request), rejected.reason(), tokenId);
        request.abortWith(challenges.unauthorized());
    }
}
