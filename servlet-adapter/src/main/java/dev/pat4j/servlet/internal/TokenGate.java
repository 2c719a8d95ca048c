package dev.pat4j.servlet.internal;

import dev.pat4j.servlet.AccessRules;
import dev.pat4j.servlet.OrganizationResolver;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter's decision for one request: rules → Authorization header → core validator →
 * scopes, then either the chain with an authenticated request or a refusal. Logs why a
 * request was refused (token id and reason) but never the header.
 */
public final class TokenGate {
    private static final Logger LOG = LoggerFactory.getLogger("dev.pat4j.servlet.Pat4jFilter");
    private static final String AUTHORIZATION = "Authorization";

    private final TokenValidator validator;
    private final AccessRules rules;
    private final OrganizationResolver organizations;
    private final Responses responses;
    private final String principalAttribute;
    private final String authType;

    public TokenGate(TokenValidator validator, AccessRules rules, OrganizationResolver organizations,
                     Responses responses, String principalAttribute, String authType) {
        this.validator = validator;
        this.rules = rules;
        this.organizations = organizations;
        this.responses = responses;
        this.principalAttribute = principalAttribute;
        this.authType = authType;
    }

    public AccessRules rules() {
        return rules;
    }

    public void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = CanonicalPath.of(request);
        AccessRules.Requirement need = rules.requirementFor(request.getMethod(), path);
        if (need.access() == AccessRules.Access.DENIED) {
            LOG.info("pat4j: 403 {} {}: denied by the rules or not a canonical path", safe(request.getMethod()), safe(path));
            responses.forbidden(response);
            return;
        }
        List<String> headers = authorizationHeaders(request);
        if (headers.isEmpty()) {
            if (need.access() == AccessRules.Access.ANONYMOUS) {
                chain.doFilter(request, response);
                return;
            }
            LOG.debug("pat4j: 401 {} {}: {} (token -)", safe(request.getMethod()), safe(path), RejectionReason.MISSING);
            responses.unauthorized(response);
            return;
        }
        if (headers.size() > 1) {
            LOG.info("pat4j: 401 {} {}: more than one Authorization header (token -)",
                    safe(request.getMethod()), safe(path));
            responses.unauthorized(response);
            return;
        }
        String organization;
        try {
            organization = organizations.organization(request);
        } catch (IllegalArgumentException e) {
            LOG.info("pat4j: 400 {} {}: organization unclear: {}", safe(request.getMethod()), safe(path), safe(e.getMessage()));
            responses.badRequest(response);
            return;
        }
        ValidationResult result = validator.check(headers.get(0), organization);
        if (result instanceof ValidationResult.Rejected rejected) {
            refuse(request, response, path, rejected);
            return;
        }
        TokenPrincipal principal = ((ValidationResult.Authenticated) result).principal();
        List<String> missing = missingScopes(principal, need.scopes());
        if (!missing.isEmpty()) {
            LOG.info("pat4j: 403 {} {}: token {} of {} lacks {}", safe(request.getMethod()), safe(path),
                    principal.tokenId(), safe(principal.owner()), missing);
            responses.insufficientScope(response, need.scopes());
            return;
        }
        request.setAttribute(principalAttribute, principal);
        chain.doFilter(new AuthenticatedRequest(request, principal, authType), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path,
                        ValidationResult.Rejected rejected) throws IOException {
        String token = rejected.tokenId() == null ? "-" : rejected.tokenId();
        if (rejected.reason() == RejectionReason.STORE_UNAVAILABLE) {
            LOG.warn("pat4j: 503 {} {}: {} (token {})", safe(request.getMethod()), safe(path), rejected.reason(), token);
            responses.unavailable(response);
        } else {
            LOG.info("pat4j: 401 {} {}: {} (token {})", safe(request.getMethod()), safe(path), rejected.reason(), token);
            responses.unauthorized(response);
        }
    }

    /** Up to two values: one is a credential, two are ambiguous, more tell nothing new. */
    private static List<String> authorizationHeaders(HttpServletRequest request) {
        List<String> out = new ArrayList<>(2);
        Enumeration<String> values = request.getHeaders(AUTHORIZATION);
        if (values == null) {
            String single = request.getHeader(AUTHORIZATION);
            if (single != null) {
                out.add(single);
            }
            return out;
        }
        while (values.hasMoreElements() && out.size() < 2) {
            out.add(values.nextElement());
        }
        return out;
    }

    private static List<String> missingScopes(TokenPrincipal principal, List<String> required) {
        List<String> missing = List.of();
        for (String scope : required) {
            if (!principal.hasScope(scope)) {
                if (missing.isEmpty()) {
                    missing = new ArrayList<>();
                }
                missing.add(scope);
            }
        }
        return missing;
    }

    private static String safe(String text) {
        return LogText.of(text);
    }
}
