package dev.pat4j.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.spring.security.Pat4jAuthenticationToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.ValidationResult;
import dev.pat4j.web.ActingUser;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@link SpringSecurityActingUser} on Spring Security's own authentications and a real token
 * principal (the HTTP contracts run it behind a chain): the default administrator authority, the
 * role of an ordinary user, the anonymous one, and a token whose scopes grant the administrator
 * authority.
 */
class SpringSecurityActingUserTest {
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pat4j/api/tokens");

    @AfterEach
    void clear() {
        contexts.clearContext();
    }

    private Optional<ActingUser> as(Authentication authentication, String adminAuthority) {
        contexts.getContext().setAuthentication(authentication);
        return new SpringSecurityActingUser(adminAuthority, contexts).resolve(request);
    }

    private static Authentication user(String name, String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated(name, "n/a",
                AuthorityUtils.createAuthorityList(authorities));
    }

    @Test
    void theDefaultAdministratorAuthorityIsTheRolePat4jAdmin() {
        String admin = SpringSecurityActingUser.DEFAULT_ADMIN_AUTHORITY;
        assertThat(admin).isEqualTo("ROLE_PAT4J_ADMIN");
        assertThat(as(user("root", "ROLE_USER", "ROLE_PAT4J_ADMIN"), admin)).contains(ActingUser.signedIn("root", true));
        assertThat(as(user("carol", "ROLE_USER"), admin)).contains(ActingUser.signedIn("carol", false));
        assertThat(as(user("eve", "PAT4J_ADMIN", "ROLE_pat4j_admin"), admin)).as("only the exact authority")
                .contains(ActingUser.signedIn("eve", false));
    }

    @Test
    void nobodyWithoutAnAuthenticationOrWithTheAnonymousOne() {
        assertThat(new SpringSecurityActingUser("ROLE_PAT4J_ADMIN", contexts).resolve(request)).isEmpty();
        assertThat(as(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")), "ROLE_ANONYMOUS")).isEmpty();
        assertThat(as(UsernamePasswordAuthenticationToken.unauthenticated("carol", "pw"), "ROLE_USER")).isEmpty();
    }

    @Test
    void aTokenIsItsOwnerAndNeverAnAdministratorWhateverItsAuthorities() {
        MutableClock clock = new MutableClock(Fixtures.START);
        try (Pat4j pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).build()) {
            IssuedToken issued = Fixtures.create(pat4j, "root", "acme", Duration.ofDays(1), "code:read");
            ValidationResult result = pat4j.validator().check("Bearer " + issued.token(), "acme");
            TokenPrincipal principal = ((ValidationResult.Authenticated) result).principal();
            Pat4jAuthenticationToken token = new Pat4jAuthenticationToken(principal);
            String grants = token.getAuthorities().iterator().next().getAuthority(); // SCOPE_code:read

            Optional<ActingUser> viaToken = as(token, grants);
            assertThat(viaToken).contains(ActingUser.viaToken(principal));
            assertThat(viaToken.orElseThrow().administrator()).isFalse();
            assertThat(viaToken.orElseThrow().ambient()).isFalse();

            // pat4j's servlet filter's principal wins over a signed-in administrator in the context
            request.setAttribute(dev.pat4j.http.RequestGate.PRINCIPAL_ATTRIBUTE, principal);
            assertThat(as(user("root", grants), grants)).contains(ActingUser.viaToken(principal));
        }
    }

    @Test
    void aBlankAuthorityIsRefused() {
        assertThatThrownBy(() -> new SpringSecurityActingUser(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
