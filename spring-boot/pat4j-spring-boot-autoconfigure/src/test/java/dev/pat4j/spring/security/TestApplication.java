package dev.pat4j.spring.security;

import static org.springframework.security.config.Customizer.withDefaults;

import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NotificationSender;
import jakarta.servlet.http.HttpServletRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the HTTP tests run: a small API on one chain with form login, password Basic,
 * a JWT resource server (a key made here, no network) and pat4j; method security on the scopes;
 * users carol and dave, and root, whom the tests make the management API's administrator; a
 * {@link NotificationSender} bean that the outbox delivers to.
 */
@SpringBootApplication
@EnableMethodSecurity
public class TestApplication {
    /** The key the resource server trusts; tests sign their JWTs with its private half. */
    static final KeyPair JWT_KEYS = rsaKeys();

    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/**").permitAll().anyRequest().authenticated())
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .oauth2ResourceServer(o -> o.jwt(withDefaults()))
                .with(Pat4jConfigurer.pat4j(), pat4j -> pat4j.challengeOn(PathPatternRequestMatcher.pathPattern("/api/**")))
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("carol").password("{noop}carols-password").roles("USER").build(),
                User.withUsername("dave").password("{noop}daves-password").roles("USER").build(),
                // the tests name the management API's administrators by this authority (pat4j.web.admin-authority),
                // one a token's scope pat4j:admin would grant too: no token may become one by it
                User.withUsername("root").password("{noop}roots-password")
                        .authorities("ROLE_USER", "SCOPE_pat4j:admin").build());
    }

    /** The application's notification channel: it keeps what the outbox delivers to it. */
    @Bean
    Outbox outbox() {
        return new Outbox();
    }

    /** A {@link NotificationSender} bean that records each notice delivered to it. */
    static final class Outbox implements NotificationSender {
        private final List<Notice> delivered = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test-outbox";
        }

        @Override
        public void send(Notice notice) {
            delivered.add(notice);
        }

        List<Notice> delivered() {
            return List.copyOf(delivered);
        }
    }

    @Bean
    JwtDecoder jwtDecoder() {
        return NimbusJwtDecoder.withPublicKey((RSAPublicKey) JWT_KEYS.getPublic()).build();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The API: plain-text answers naming who asked. */
    @RestController
    static class Api {
        @GetMapping("/api/whoami")
        String whoami(Authentication who) {
            return "whoami " + who.getName();
        }

        @GetMapping("/api/repos")
        @PreAuthorize("hasAuthority('SCOPE_code:read')")
        String repos(Authentication who) {
            return "repos of " + who.getName();
        }

        @PostMapping("/api/repos")
        @PreAuthorize("hasAuthority('SCOPE_code:write')")
        String create(Authentication who) {
            return "created by " + who.getName();
        }

        /** What a token-authenticated request holds: principal, authorities, and no Authorization header. */
        @GetMapping("/api/token")
        String token(Authentication who, HttpServletRequest request) {
            Pat4jAuthenticationToken token = (Pat4jAuthenticationToken) who;
            TreeSet<String> authorities = new TreeSet<>();
            for (GrantedAuthority a : token.getAuthorities()) {
                authorities.add(a.getAuthority());
            }
            return token.owner() + " " + token.tokenId() + " " + token.organization() + " " + authorities
                    + " authorization=" + request.getHeader("Authorization");
        }

        @GetMapping("/page")
        String page(Authentication who) {
            return "page of " + who.getName();
        }
    }
}
