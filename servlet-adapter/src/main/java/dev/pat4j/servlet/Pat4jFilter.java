package dev.pat4j.servlet;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.http.RequestGate;
import dev.pat4j.servlet.internal.ServletRequestView;
import dev.pat4j.servlet.internal.TokenGate;
import dev.pat4j.settings.Pat4jSettings;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The pat4j servlet filter: authenticates personal access tokens sent as HTTP Basic or Bearer
 * credentials and enforces the scopes of {@link dev.pat4j.http.AccessRules}. What a request gets
 * is decided by core's {@link RequestGate}, the same for every pat4j adapter (see the module
 * README for the table of answers); this class only translates between servlet and gate.
 *
 * <p>Register it three ways: build it with {@link #builder(Pat4j)} and hand it to
 * {@code ServletContext.addFilter} or to a framework ({@code FilterRegistrationBean}, …); or
 * name the class in {@code web.xml}, where the public no-arg constructor reads the
 * init-parameters ({@code rules}, {@code anonymous}, {@code deny}, {@code unmatched},
 * {@code organization}, {@code realm}, {@code retry-after}, {@code foreign-credentials},
 * {@code pat4j-attribute}; see the module README) and takes the {@link Pat4j} from a
 * ServletContext attribute, by default {@value #DEFAULT_CONTEXT_ATTRIBUTE}. Bad init-parameters
 * fail {@link #init} with a message naming the parameter. A built filter ignores
 * init-parameters. The filter does not close the {@code Pat4j}: the application owns it.
 *
 * <p>On success the request is wrapped: {@code getUserPrincipal()} is the
 * {@link dev.pat4j.validation.TokenPrincipal} (also in request attribute
 * {@value #PRINCIPAL_ATTRIBUTE}), {@code getRemoteUser()} its owner,
 * {@code isUserInRole(scope)} answers scope implication, and {@code getAuthType()} is
 * {@value #AUTH_TYPE}. Refusals are written directly (never through {@code sendError}), with
 * one fixed body per status; the log (logger {@code dev.pat4j.servlet.Pat4jFilter}) says which
 * check failed, with the token id, never the token. Thread-safe once initialized.
 *
 * <p>Map it to {@code /*} for {@code REQUEST} dispatches, ahead of filters that read the
 * principal (and, under {@link ForeignCredentials#PASS_ON}, ahead of the other mechanism).
 * Rules are judged on the servlet path plus path info, never the raw URI; a raw URI that is not
 * canonical is refused with 400.
 */
public final class Pat4jFilter implements Filter {
    /** Request attribute holding the {@link dev.pat4j.validation.TokenPrincipal} of an authenticated request. */
    public static final String PRINCIPAL_ATTRIBUTE = RequestGate.PRINCIPAL_ATTRIBUTE;
    /** What {@code getAuthType()} returns for a token-authenticated request. */
    public static final String AUTH_TYPE = RequestGate.AUTHENTICATION_SCHEME;
    /** The ServletContext attribute the {@code web.xml} form takes the {@link Pat4j} from, unless configured. */
    public static final String DEFAULT_CONTEXT_ATTRIBUTE = "dev.pat4j.Pat4j";

    private volatile TokenGate gate;

    /** For {@code web.xml}: configured from init-parameters by {@link #init}. */
    public Pat4jFilter() {
    }

    private Pat4jFilter(TokenGate gate) {
        this.gate = gate;
    }

    /** Starts configuring a filter that validates tokens with {@code pat4j}. */
    public static Builder builder(Pat4j pat4j) {
        return new Builder(pat4j);
    }

    /** The rules this filter enforces, to check a configuration without a server. */
    public dev.pat4j.http.AccessRules rules() {
        return requireGate().gate().rules();
    }

    /** The gate that decides for this filter: for tests and for adapters that run beside it. */
    public RequestGate gate() {
        return requireGate().gate();
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (gate != null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        try {
            gate = InitParams.configure(params, config.getServletContext()::getAttribute).build().gate;
        } catch (IllegalArgumentException e) {
            throw new ServletException("pat4j filter '" + config.getFilterName() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            throw new ServletException("the pat4j filter only handles HTTP requests");
        }
        requireGate().filter(http, httpResponse, chain);
    }

    private TokenGate requireGate() {
        TokenGate g = gate;
        if (g == null) {
            throw new IllegalStateException("the pat4j filter was not initialized");
        }
        return g;
    }

    /** Configures a {@link Pat4jFilter}; every call validates its arguments at once (scopes against the catalog). */
    public static final class Builder {
        private final Pat4j pat4j;
        private final dev.pat4j.http.AccessRules.Builder rules = dev.pat4j.http.AccessRules.builder();
        private final RequestGate.Builder gate;

        private Builder(Pat4j pat4j) {
            this.pat4j = Objects.requireNonNull(pat4j, "pat4j");
            this.gate = RequestGate.builder(pat4j);
        }

        /**
         * Requests with {@code method} ({@code *} for any) on paths matching {@code pattern}
         * need a token holding all of {@code scopes}. See {@link dev.pat4j.http.AccessRules} for patterns.
         *
         * @throws IllegalArgumentException for a bad method or pattern, or a scope the catalog does not declare
         */
        public Builder require(String method, String pattern, String... scopes) {
            dev.pat4j.http.AccessRules.builder().require(method, pattern, scopes); // syntax first, in reading order
            for (String scope : scopes) {
                if (!pat4j.catalog().isDeclared(scope)) {
                    throw new IllegalArgumentException("rule " + method + " " + pattern
                            + " requires scope '" + scope + "', which the scope catalog does not declare");
                }
            }
            rules.require(method, pattern, scopes);
            return this;
        }

        /** Paths matching {@code pattern} pass without a token (a token that is sent must be valid). */
        public Builder anonymous(String pattern) {
            rules.anonymous(pattern);
            return this;
        }

        /** Paths matching {@code pattern} are refused with 403 whatever the token. */
        public Builder deny(String pattern) {
            rules.deny(pattern);
            return this;
        }

        /** What requests no rule matches need; default {@link dev.pat4j.http.AccessRules.Access#AUTHENTICATED} (any valid token). */
        public Builder unmatched(dev.pat4j.http.AccessRules.Access access) {
            rules.unmatched(access);
            return this;
        }

        /**
         * The same, with the access kind's former home.
         *
         * @deprecated use {@link #unmatched(dev.pat4j.http.AccessRules.Access)}
         */
        @Deprecated(since = "0.1.0", forRemoval = true)
        public Builder unmatched(AccessRules.Access access) {
            return unmatched(Objects.requireNonNull(access, "access").toCore());
        }

        /** Where the organization of a request comes from; default {@link OrganizationResolver#none()}. */
        public Builder organizationFrom(OrganizationResolver resolver) {
            Objects.requireNonNull(resolver, "resolver");
            gate.organizationFrom(view -> resolver.organization(((ServletRequestView) view).request()));
            return this;
        }

        /**
         * Where the organization of a request comes from, as the configuration file says
         * ({@code pat4j.organizations.source}: none, a header or a path segment below the context
         * path), so that an application, its CLI and its demo read it from one place.
         */
        public Builder organizationFrom(Pat4jSettings.Organizations settings) {
            gate.organizationFrom(Objects.requireNonNull(settings, "settings").organizationSource());
            return this;
        }

        /** The realm of the challenges: 1 to 256 printable ASCII characters; default {@code pat4j}. */
        public Builder realm(String realm) {
            gate.realm(realm);
            return this;
        }

        /** The Retry-After of a 503 (store down), whole seconds from 1 to 86,400; default 5 seconds. */
        public Builder retryAfter(Duration delay) {
            gate.retryAfter(delay);
            return this;
        }

        /**
         * What happens to a credential that is not a pat4j token (a password, a JWT); default
         * {@link ForeignCredentials#REFUSE} (401). With {@link ForeignCredentials#PASS_ON} the
         * request goes down the chain unauthenticated and pat4j's rules do not apply to it: map
         * the other mechanism's filter after this one.
         */
        public Builder foreignCredentials(ForeignCredentials policy) {
            gate.foreignCredentials(policy);
            return this;
        }

        /**
         * The failed-attempt throttle, such as {@link AttemptThrottle#slidingWindow()}; default
         * none. Share one throttle between the adapters of an application that should count
         * failures together.
         */
        public Builder throttle(AttemptThrottle throttle) {
            gate.throttle(throttle);
            return this;
        }

        /**
         * The throttle the configuration file describes ({@code pat4j.throttle.*}; on unless
         * {@code pat4j.throttle.enabled = false}), a new one for this adapter.
         */
        public Builder throttle(Pat4jSettings.Throttle settings) {
            return throttle(Objects.requireNonNull(settings, "settings").attemptThrottle());
        }

        /**
         * How the client address is found, for the throttle; default the connection's peer.
         * Behind a reverse proxy: {@link ClientAddressResolver#trustedProxies(java.util.List)}.
         */
        public Builder clientAddress(ClientAddressResolver resolver) {
            gate.clientAddress(resolver);
            return this;
        }

        /** The client address as the configuration file says ({@code pat4j.http.trusted-proxies}, {@code pat4j.http.forwarded-header}). */
        public Builder clientAddress(Pat4jSettings.Http settings) {
            return clientAddress(Objects.requireNonNull(settings, "settings").clientAddressResolver());
        }

        public Pat4jFilter build() {
            return new Pat4jFilter(new TokenGate(gate.rules(rules.build()).build()));
        }
    }
}
