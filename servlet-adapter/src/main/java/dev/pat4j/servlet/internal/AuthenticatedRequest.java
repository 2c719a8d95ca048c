package dev.pat4j.servlet.internal;

import dev.pat4j.validation.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request authenticated by a token: the principal is the token's, the remote user its
 * owner, and roles are scopes (with implication), so {@code isUserInRole("code:read")} is true
 * for a {@code code:write} token.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {
    /** The servlet specification's role name for "any authenticated user". */
    private static final String ANY_AUTHENTICATED_USER = "**";

    private final TokenPrincipal principal;
    private final String authType;

    public AuthenticatedRequest(HttpServletRequest request, TokenPrincipal principal, String authType) {
        super(request);
        this.principal = principal;
        this.authType = authType;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.owner();
    }

    @Override
    public boolean isUserInRole(String role) {
        return role != null && (ANY_AUTHENTICATED_USER.equals(role) || principal.hasScope(role));
    }

    @Override
    public String getAuthType() {
        return authType;
    }
}
