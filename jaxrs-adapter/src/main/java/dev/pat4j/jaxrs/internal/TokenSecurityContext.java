package dev.pat4j.jaxrs.internal;

import dev.pat4j.http.RequestGate;
import dev.pat4j.validation.TokenPrincipal;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of a token-authenticated request: roles are scopes, so
 * {@code isUserInRole("code:read")} is true for a {@code code:write} token and
 * {@code @RolesAllowed("code:manage")} means "a token holding code:manage".
 */
record TokenSecurityContext(TokenPrincipal principal, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.hasScope(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return RequestGate.AUTHENTICATION_SCHEME;
    }
}
