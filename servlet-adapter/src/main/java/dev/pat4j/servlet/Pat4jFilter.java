package dev.pat4j.servlet;

import dev.pat4j.Pat4j;
import dev.pat4j.servlet.internal.InitParams;
import dev.pat4j.servlet.internal.Responses;
import dev.pat4j.servlet.internal.TokenGate;
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
 * credentials and enforces the scopes of {@link AccessRules}.
 *
 * <p>Register it three ways: build it with {@link #builder(Pat4j)} and hand it to
 * {@code ServletContext.addFilter} or to a framework ({@code FilterRegistrationBean}, …); or
 * name the class in {@code web.xml}, where the public no-arg constructor reads the
 * init-parameters ({@code rules}, {@code anonymous}, {@code deny}, {@code unmatched},
 * {@code organization}, {@code realm}, {@code retry-after}, {@code pat4j-attribute}; see the
 * module README) and takes the {@link Pat4j} from a ServletContext attribute, by default
 * {@value #DEFAULT_CONTEXT_ATTRIBUTE}. Bad init-parameters fail {@link #init} with a message
 * naming the parameter. A built filter ignores init-parameters. The filter does not close the
 * {@code Pat4j}: the application owns it.
 *
 * <p>On success the request is wrapped: {@code getUserPrincipal()} is the
 * {@link dev.pat4j.validation.TokenPrincipal} (also in request attribute
 * {@value #PRINCIPAL_ATTRIBUTE}), {@code getRemoteUser()} its owner,
 * {@code isUserInRole(scope)} answers scope implication, and {@code getAuthType()} is
 * {@value #AUTH_TYPE}. Refusals: 401 with {@code Basic} and {@code Bearer} challenges for a
 * missing, invalid, revoked, expired or wrong-organization token, or for two
 * {@code Authorization} headers; 403 with an RFC 6750 {@code insufficient_scope} challenge for
 * a valid token lacking a required scope (or plain 403 on a denied path); 503 with
 * {@code Retry-After} when the token store is down; 400 when the organization of the request
 * is ambiguous. Each status has one fixed body: only the log (logger
 * {@code dev.pat4j.servlet.Pat4jFilter}) says which check failed, with the token id, never the
 * token. On an anonymous path a request without a header passes unauthenticated, one with a
 * valid token gets its principal, and one with a bad header is refused with 401 (503 if the
 * store is down): a client that sends credentials learns that they do not work.
 *
 * <p>Map it to {@code /*} for {@code REQUEST} dispatches, ahead of filters that read the
 * principal. Rules are judged on the servlet path plus path info (see {@link AccessRules}),
 * never the raw URI.
 */
public final class Pat4jFilter implements Filter {
    /** Request attribute holding the {@link dev.pat4j.validation.TokenPrincipal} of an authenticated request. */
    public static final String PRINCIPAL_ATTRIBUTE = "dev.pat4j.principal";
    /** What {@code getAuthType()} returns for a token-authenticated request. */
    public static final String AUTH_TYPE = "PAT";
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
    public AccessRules rules() {
        return requireGate().rules();
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
        private final AccessRules.Builder rules = AccessRules.builder();
        private OrganizationResolver organizations = OrganizationResolver.none();
        private String realm = "pat4j";
        private int retryAfterSeconds = 5;

        private Builder(Pat4j pat4j) {
            this.pat4j = Objects.requireNonNull(pat4j, "pat4j");
        }

        /**
         * Requests with {@code method} ({@code *} for any) on paths matching {@code pattern}
         * need a token holding all of {@code scopes}. See {@link AccessRules} for patterns.
         *
         * @throws IllegalArgumentException for a bad method or pattern, or a scope the catalog does not declare
         */
        public Builder require(String method, String pattern, String... scopes) {
            AccessRules.builder().require(method, pattern, scopes); // syntax first, so errors come in reading order
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

        /** What requests no rule matches need; default {@link AccessRules.Access#AUTHENTICATED} (any valid token). */
        public Builder unmatched(AccessRules.Access access) {
            rules.unmatched(access);
            return this;
        }

        /** Where the organization of a request comes from; default {@link OrganizationResolver#none()}. */
        public Builder organizationFrom(OrganizationResolver resolver) {
            this.organizations = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The realm of the challenges: 1 to 256 printable ASCII characters; default {@code pat4j}. */
        public Builder realm(String realm) {
            this.realm = Responses.requireRealm(realm);
            return this;
        }

        /** The Retry-After of a 503 (store down), whole seconds from 1 to 86,400; default 5 seconds. */
        public Builder retryAfter(Duration delay) {
            if (delay == null || delay.getNano() != 0 || delay.getSeconds() < 1 || delay.getSeconds() > 86_400) {
                throw new IllegalArgumentException("retryAfter must be whole seconds from 1 to 86400");
            }
            this.retryAfterSeconds = (int) delay.getSeconds();
            return this;
        }

        public Pat4jFilter build() {
            return new Pat4jFilter(new TokenGate(pat4j.validator(), rules.build(), organizations,
                    new Responses(realm, retryAfterSeconds), PRINCIPAL_ATTRIBUTE, AUTH_TYPE));
        }
    }
}
