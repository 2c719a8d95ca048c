package dev.pat4j.spring.security;

import dev.pat4j.validation.TokenPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by a personal access token: the principal is core's
 * {@link TokenPrincipal} (owner, token id, organization, scopes, expiry; its name is the owner),
 * and the authorities are {@code SCOPE_<scope>} for every scope the token grants, implied ones
 * included, so {@code hasAuthority('SCOPE_code:read')} holds for a {@code code:write} token. The
 * token itself is not kept: {@link #getCredentials()} is empty. Immutable; not meant to be
 * serialized (the principal is transient), since a token-authenticated request has no session.
 */
public final class Pat4jAuthenticationToken extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;
    /** The prefix of every authority: a scope {@code code:read} is authority {@code SCOPE_code:read}. */
    public static final String AUTHORITY_PREFIX = "SCOPE_";

    private final transient TokenPrincipal principal;

    public Pat4jAuthenticationToken(TokenPrincipal principal) {
        super(authorities(principal));
        this.principal = principal;
        super.setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(TokenPrincipal principal) {
        List<GrantedAuthority> out = new ArrayList<>();
        for (String scope : principal.scopes().all()) {
            out.add(new SimpleGrantedAuthority(AUTHORITY_PREFIX + scope));
        }
        return out;
    }

    @Override
    public TokenPrincipal getPrincipal() {
        return principal;
    }

    /** Always empty: the token is checked, never kept. */
    @Override
    public Object getCredentials() {
        return "";
    }

    /** The owner the token acts for. */
    public String owner() {
        return principal.owner();
    }

    /** The token's id (not secret). */
    public String tokenId() {
        return principal.tokenId();
    }

    /** The organization the token is bound to, or null for all organizations. */
    public @Nullable String organization() {
        return principal.organization();
    }
}
