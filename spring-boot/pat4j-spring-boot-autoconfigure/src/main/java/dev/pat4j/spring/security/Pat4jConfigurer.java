package dev.pat4j.spring.security;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.OrganizationSource;
import dev.pat4j.http.RequestGate;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.spring.security.internal.CredentialHidingRequest;
import dev.pat4j.spring.security.internal.HttpRequestView;
import dev.pat4j.spring.security.internal.RefusalWriter;
import dev.pat4j.spring.security.internal.StatelessAuthenticationFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.DigestAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Adds personal access tokens to a Spring Security filter chain, beside its other mechanisms:
 *
 * <pre>{@code
 * SecurityFilterChain api(HttpSecurity http) throws Exception { // a @Bean method
 *     return http
 *             .authorizeHttpRequests(a -> a.anyRequest().authenticated())
 *             .formLogin(Customizer.withDefaults())
 *             .with(Pat4jConfigurer.pat4j(), pat4j -> pat4j.challengeOn(pathPattern("/api/**")))
 *             .build();
 * }
 * }</pre>
 *
 * <p>It adds an {@link AuthenticationFilter} ahead of Spring's Basic and bearer-token filters,
 * whose {@link Pat4jAuthenticationConverter} claims only pat4j's credentials (a {@code Bearer}
 * token, a {@code Basic} credential carrying the token prefix) and leaves every other request to
 * the chain's other mechanisms, so form login, password Basic and a JWT resource server keep
 * working on the same chain. A claimed request is judged by {@link Pat4jAuthenticationProvider}
 * (core's {@link RequestGate}, as every pat4j adapter):
 * <ul>
 * <li>a valid token: the {@code SecurityContext} holds a {@link Pat4jAuthenticationToken} with
 * authorities {@code SCOPE_<scope>} (implied scopes included), for this request only: nothing is
 * stored in a session, none is created, and a session the request brings keeps its id; there is no redirect, the request goes on down the chain
 * without its {@code Authorization} header (so no later mechanism judges the token again);</li>
 * <li>any other claimed credential: pat4j's one generic answer, written at once: 401 with
 * {@code WWW-Authenticate: Basic realm="…", charset="UTF-8"} and {@code Bearer realm="…"}
 * (RFC 6750), 429 with {@code Retry-After} while the client's address is throttled after too many
 * failed checks, 503 with {@code Retry-After} while the store is down (the seconds until pat4j's
 * circuit breaker probes it), 400 for a malformed request; the log says which check failed.</li>
 * </ul>
 * Requests pat4j claims are exempt from CSRF protection, as Spring's resource server exempts bearer
 * tokens: a token client has no CSRF token, and its credential is sent on purpose. Requests that
 * {@link #challengeOn} matches and that no mechanism authenticated get the same 401.
 *
 * <p>The {@link Pat4j} is the application context's bean unless {@link #pat4j(Pat4j)} names one; the
 * organization comes from {@code pat4j.organizations.source} (the {@link Pat4jSettings} bean)
 * unless configured here. This configurer contributes no {@code SecurityFilterChain}: the
 * application's chains decide which requests need what. One configurer configures one chain; it is
 * not thread-safe while configured, and the filter it adds is.
 */
public final class Pat4jConfigurer extends AbstractHttpConfigurer<Pat4jConfigurer, HttpSecurity> {
    private @Nullable Pat4j pat4j;
    private @Nullable OrganizationSource organizations;
    private @Nullable String realm;
    private @Nullable Duration retryAfter;
    private @Nullable AttemptThrottle throttle;
    private @Nullable ClientAddressResolver clientAddress;
    private @Nullable RequestMatcher challenged;
    private @Nullable RequestGate gate;

    private Pat4jConfigurer() {
    }

    /** A configurer for {@code http.with(pat4j(), c -> ...)}. */
    public static Pat4jConfigurer pat4j() {
        return new Pat4jConfigurer();
    }

    /** The pat4j to check tokens with; default the application context's {@link Pat4j} bean. */
    public Pat4jConfigurer pat4j(Pat4j instance) {
        this.pat4j = Objects.requireNonNull(instance, "instance");
        return this;
    }

    /**
     * Where the organization of a request comes from, as core describes it (none, a header, a path
     * segment); default {@code pat4j.organizations.source}.
     */
    public Pat4jConfigurer organizationFrom(OrganizationSource source) {
        this.organizations = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Where the organization of a request comes from, read from the servlet request (as the
     * servlet filter's {@code OrganizationResolver} does): null when it names none; an
     * {@link IllegalArgumentException} when it names it ambiguously, which is answered 400.
     */
    public Pat4jConfigurer organizationFromRequest(Function<HttpServletRequest, @Nullable String> resolver) {
        Objects.requireNonNull(resolver, "resolver");
        this.organizations = view -> resolver.apply(((HttpRequestView) view).request());
        return this;
    }

    /** The realm of the challenges, 1 to 256 printable ASCII characters; default {@code pat4j}. */
    public Pat4jConfigurer realm(String realm) {
        this.realm = Objects.requireNonNull(realm, "realm");
        return this;
    }

    /**
     * The {@code Retry-After} of a 503 when the store failed while pat4j's circuit breaker is closed,
     * whole seconds from 1 to 86,400; default 5 seconds.
     */
    public Pat4jConfigurer retryAfter(Duration delay) {
        this.retryAfter = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /**
     * The failed-attempt throttle; default the application context's {@link AttemptThrottle} bean
     * (the starter's, from {@code pat4j.throttle.*}: on unless disabled), else none.
     */
    public Pat4jConfigurer throttle(AttemptThrottle throttle) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        return this;
    }

    /**
     * How the client address is found, for the throttle; default the application context's
     * {@link ClientAddressResolver} bean (the starter's, from {@code pat4j.http.trusted-proxies}),
     * else the connection's peer.
     */
    public Pat4jConfigurer clientAddress(ClientAddressResolver resolver) {
        this.clientAddress = Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    /**
     * Requests matching {@code matcher} that no mechanism authenticated are answered with pat4j's
     * 401 and challenges (registered as a default entry point for them); without it the chain's
     * other entry points answer (a login redirect, say).
     */
    public Pat4jConfigurer challengeOn(RequestMatcher matcher) {
        this.challenged = Objects.requireNonNull(matcher, "matcher");
        return this;
    }

    @Override
    public void init(HttpSecurity http) {
        RequestGate g = gate(http);
        RequestMatcher claimed = request -> g.claims(new HttpRequestView(request));
        @SuppressWarnings("unchecked")
        CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
        if (csrf != null) {
            csrf.ignoringRequestMatchers(claimed);
        }
        @SuppressWarnings("unchecked")
        ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
        if (exceptions != null && challenged != null) {
            exceptions.defaultAuthenticationEntryPointFor(unauthenticated(g), challenged);
        }
    }

    @Override
    public void configure(HttpSecurity http) {
        RequestGate g = gate(http);
        AuthenticationFilter filter = new StatelessAuthenticationFilter(
                new ProviderManager(new Pat4jAuthenticationProvider(g)), new Pat4jAuthenticationConverter(g));
        filter.setSecurityContextHolderStrategy(getSecurityContextHolderStrategy());
        filter.setSuccessHandler(new GoOnWithoutTheCredential());
        filter.setFailureHandler(refusal(g));
        // ahead of the Basic and bearer-token filters, which would judge a pat4j token again
        http.addFilterBefore(postProcess(filter), DigestAuthenticationFilter.class);
    }

    private RequestGate gate(HttpSecurity http) {
        if (gate == null) {
            Pat4j p = pat4j != null ? pat4j : context(http).getBean(Pat4j.class);
            RequestGate.Builder b = RequestGate.builder(p);
            OrganizationSource source = organizations;
            if (source == null) {
                Pat4jSettings settings = context(http).getBeanProvider(Pat4jSettings.class).getIfAvailable();
                source = settings == null ? OrganizationSource.none() : settings.organizations().organizationSource();
            }
            b.organizationFrom(source);
            if (realm != null) {
                b.realm(realm);
            }
            if (retryAfter != null) {
                b.retryAfter(retryAfter);
            }
            AttemptThrottle t = throttle != null ? throttle
                    : context(http).getBeanProvider(AttemptThrottle.class).getIfAvailable();
            if (t != null) {
                b.throttle(t);
            }
            ClientAddressResolver resolver = clientAddress != null ? clientAddress
                    : context(http).getBeanProvider(ClientAddressResolver.class).getIfAvailable();
            if (resolver != null) {
                b.clientAddress(resolver);
            }
            gate = b.build();
        }
        return gate;
    }

    private static ApplicationContext context(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        if (context == null) {
            throw new IllegalStateException("no application context to find the Pat4j bean in: call pat4j(instance)");
        }
        return context;
    }

    private static AuthenticationFailureHandler refusal(RequestGate gate) {
        return (request, response, failure) -> RefusalWriter.write(response, failure instanceof
                Pat4jAuthenticationException refused ? refused.refusal()
                : Pat4jAuthenticationProvider.unauthorized(gate, new HttpRequestView(request)));
    }

    private static AuthenticationEntryPoint unauthenticated(RequestGate gate) {
        return (request, response, cause) -> RefusalWriter.write(response,
                Pat4jAuthenticationProvider.unauthorized(gate, new HttpRequestView(request)));
    }

    /** The request goes on, authenticated for itself alone, without the credential. */
    private static final class GoOnWithoutTheCredential implements AuthenticationSuccessHandler {
        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain, Authentication authentication)
                throws IOException, ServletException {
            if (authentication instanceof Pat4jAuthenticationToken token) {
                request.setAttribute(RequestGate.PRINCIPAL_ATTRIBUTE, token.getPrincipal());
            }
            chain.doFilter(new CredentialHidingRequest(request), response);
        }

        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                            Authentication authentication) {
            // AuthenticationFilter calls the four-argument form; nothing to do without the chain
        }
    }
}
