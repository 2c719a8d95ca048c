package dev.pat4j.spring.web;

import dev.pat4j.http.RequestGate;
import dev.pat4j.spring.security.Pat4jAuthenticationToken;
import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.web.ActingUser;
import dev.pat4j.web.ActingUserResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Who calls pat4j's management API, from Spring Security's {@code SecurityContext}: the
 * authenticated user's name ({@code Authentication.getName()}), an administrator when that
 * authentication holds the administrator authority (default {@value #DEFAULT_ADMIN_AUTHORITY},
 * which {@code User.withUsername(..).roles("PAT4J_ADMIN")} grants). Nobody (the API's 401) for no
 * authentication and for Spring's anonymous one.
 *
 * <p>A request authenticated by a pat4j token ({@link Pat4jAuthenticationToken}, or pat4j's servlet
 * filter's principal) is {@link ActingUser#viaToken} whatever its authorities: its {@code SCOPE_…}
 * authorities never make an administrator, even a scope whose authority equals the administrator
 * authority, and the API refuses the token as a credential except where its own rules allow
 * ({@code /tokens/self}, {@code allowTokensWithScope}). Thread-safe.
 */
public final class SpringSecurityActingUser implements ActingUserResolver {
    /** The authority that makes an administrator unless another is given: Spring's role {@code PAT4J_ADMIN}. */
    public static final String DEFAULT_ADMIN_AUTHORITY = "ROLE_PAT4J_ADMIN";

    private final String adminAuthority;
    private final SecurityContextHolderStrategy contexts;

    /** With {@value #DEFAULT_ADMIN_AUTHORITY} and Spring's global {@code SecurityContextHolder}. */
    public SpringSecurityActingUser() {
        this(DEFAULT_ADMIN_AUTHORITY);
    }

    /** With another administrator authority, such as {@code ROLE_ADMIN}. */
    public SpringSecurityActingUser(String adminAuthority) {
        this(adminAuthority, SecurityContextHolder.getContextHolderStrategy());
    }

    /** With another administrator authority and the application's own holder strategy. */
    public SpringSecurityActingUser(String adminAuthority, SecurityContextHolderStrategy contexts) {
        Objects.requireNonNull(adminAuthority, "adminAuthority");
        if (adminAuthority.isBlank()) {
            throw new IllegalArgumentException("adminAuthority must not be blank");
        }
        this.adminAuthority = adminAuthority;
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    @Override
    public Optional<ActingUser> resolve(HttpServletRequest request) {
        // pat4j's own servlet filter may run in front of Spring's chain: its token wins over any context
        if (request.getAttribute(RequestGate.PRINCIPAL_ATTRIBUTE) instanceof TokenPrincipal token) {
            return Optional.of(ActingUser.viaToken(token));
        }
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication instanceof Pat4jAuthenticationToken token) {
            return Optional.of(ActingUser.viaToken(token.getPrincipal()));
        }
        if (authentication.getPrincipal() instanceof TokenPrincipal token) {
            return Optional.of(ActingUser.viaToken(token));
        }
        String name = authentication.getName();
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        boolean administrator = false;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (adminAuthority.equals(authority.getAuthority())) {
                administrator = true;
                break;
            }
        }
        return Optional.of(ActingUser.signedIn(name, administrator));
    }
}
