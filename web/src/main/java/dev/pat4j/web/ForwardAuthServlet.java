package dev.pat4j.web;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AccessRules;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.OrganizationSource;
import dev.pat4j.http.RequestGate;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.web.internal.forward.AnswerHeaders;
import dev.pat4j.web.internal.forward.ForwardAuthEndpoint;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forward-authentication endpoint: a reverse proxy (nginx {@code auth_request}, Traefik
 * {@code forwardAuth}, Caddy {@code forward_auth}) sends it the headers of every request it
 * guards, and it answers whether the request may pass, so that services that are no JVM
 * application (package registries, Git servers, dashboards) accept pat4j's tokens.
 *
 * <p>It reads the original request's {@code Authorization} header and the original method and
 * URI ({@value #FORWARDED_METHOD}, {@value #FORWARDED_URI} or {@value #ORIGINAL_URI}, set by the
 * proxy), and answers through core's {@link RequestGate}, so with the same statuses,
 * challenges and fixed bodies as the servlet filter:
 * <ul>
 * <li><b>200</b> with {@value #DEFAULT_OWNER_HEADER}, {@value #DEFAULT_TOKEN_ID_HEADER} and
 * {@value #DEFAULT_SCOPES_HEADER} (names configurable) when the token is valid and holds the
 * required scopes; 200 without them on an anonymous path without a credential;</li>
 * <li><b>401</b> with the {@code Basic} and {@code Bearer} challenges when the token is missing
 * or bad;</li>
 * <li><b>403</b> with an {@code insufficient_scope} challenge when it lacks a required scope (a
 * plain 403 on a denied path);</li>
 * <li><b>429</b> with {@code Retry-After} when the {@linkplain Builder#throttle throttle} blocks the
 * client's address (found through the {@linkplain Builder#clientAddress trusted proxy});</li>
 * <li><b>503</b> with {@code Retry-After} when the store cannot be asked;</li>
 * <li><b>400</b> when the original URI is missing, sent twice or not canonical (an encoded or
 * dotted path, which the proxy's upstream might read differently from the rules), or the
 * original method or required-scope header is malformed.</li>
 * </ul>
 * The required scopes are those of the {@linkplain Builder#rules path rules} for the original
 * method and URI <em>plus</em> those in the {@value #DEFAULT_REQUIRED_SCOPE_HEADER} header (name
 * configurable), so that header can only make a request stricter: a client that sends it
 * itself cannot loosen a rule. The answer never carries a header the client sent; the 200
 * headers are set from the token alone, with the owner percent-encoded (UTF-8) where it holds
 * {@code %} or a character outside visible ASCII.
 *
 * <p>The servlet answers every method and ignores its own path, so it can be mounted anywhere.
 * Built by {@link Pat4jWeb#forwardAuth(Pat4j)}; immutable and thread-safe.
 */
public final class ForwardAuthServlet extends HttpServlet {
    /** The header the proxy puts the original request's method in. */
    public static final String FORWARDED_METHOD = "X-Forwarded-Method";
    /** The header the proxy puts the original request's URI in (Traefik, Caddy). */
    public static final String FORWARDED_URI = "X-Forwarded-Uri";
    /** The other header the original URI may come in (nginx configurations). */
    public static final String ORIGINAL_URI = "X-Original-URI";
    /** The default header of a 200 that names the token's owner. */
    public static final String DEFAULT_OWNER_HEADER = "X-Pat4j-Owner";
    /** The default header of a 200 that names the token's id. */
    public static final String DEFAULT_TOKEN_ID_HEADER = "X-Pat4j-Token-Id";
    /** The default header of a 200 that lists the token's scopes (implied ones included), separated by spaces. */
    public static final String DEFAULT_SCOPES_HEADER = "X-Pat4j-Scopes";
    /** The default header in which the proxy may require scopes (separated by spaces or commas). */
    public static final String DEFAULT_REQUIRED_SCOPE_HEADER = "X-Pat4j-Required-Scope";

    private final transient ForwardAuthEndpoint endpoint;

    private ForwardAuthServlet(ForwardAuthEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Starts configuring the endpoint; the same as {@link Pat4jWeb#forwardAuth(Pat4j)}. */
    static Builder builder(Pat4j pat4j) {
        return new Builder(pat4j);
    }

    /** The path rules the endpoint applies to the original method and URI. */
    public AccessRules rules() {
        return endpoint.gate().rules();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        endpoint.serve(request, response);
    }

    /**
     * Configures a {@link ForwardAuthServlet}; every setter validates its argument at once.
     * Not thread-safe; the servlet it builds is.
     */
    public static final class Builder {
        private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
        /** Headers the endpoint reads or answers itself: none of them can name the token's identity. */
        private static final Set<String> RESERVED = Set.of("authorization", "cache-control", "content-length",
                "content-type", "retry-after", "www-authenticate", "connection", "transfer-encoding",
                "x-forwarded-for", "forwarded",
                FORWARDED_METHOD.toLowerCase(Locale.ROOT), FORWARDED_URI.toLowerCase(Locale.ROOT),
                ORIGINAL_URI.toLowerCase(Locale.ROOT));

        private final RequestGate.Builder gate;
        private String owner = DEFAULT_OWNER_HEADER;
        private String tokenId = DEFAULT_TOKEN_ID_HEADER;
        private String scopes = DEFAULT_SCOPES_HEADER;
        private String requiredScope = DEFAULT_REQUIRED_SCOPE_HEADER;

        private Builder(Pat4j pat4j) {
            this.gate = RequestGate.builder(Objects.requireNonNull(pat4j, "pat4j"));
        }

        /**
         * The rules for the original method and URI, the servlet filter's syntax; default none,
         * so every request needs any valid token (plus the scopes the proxy's header requires).
         *
         * @throws IllegalArgumentException if a rule requires a scope the catalog does not declare
         */
        public Builder rules(AccessRules rules) {
            gate.rules(rules);
            return this;
        }

        /**
         * Where a request's organization comes from: a header the proxy sets, or a segment of the
         * original URI's path ({@link OrganizationSource#pathSegment(int)}); default none.
         */
        public Builder organizationFrom(OrganizationSource source) {
            gate.organizationFrom(source);
            return this;
        }

        /** The configuration file's organization source ({@code pat4j.organizations.source}). */
        public Builder organizationFrom(Pat4jSettings.Organizations settings) {
            return organizationFrom(Objects.requireNonNull(settings, "settings").organizationSource());
        }

        /** The realm of the challenges: 1 to 256 printable ASCII characters; default {@code pat4j}. */
        public Builder realm(String realm) {
            gate.realm(realm);
            return this;
        }

        /** The {@code Retry-After} of a 503 (store down), whole seconds from 1 to 86,400; default 5 seconds. */
        public Builder retryAfter(Duration delay) {
            gate.retryAfter(delay);
            return this;
        }

        /**
         * The failed-attempt throttle, such as {@link AttemptThrottle#slidingWindow()}; default
         * none. A blocked client gets 429 with {@code Retry-After}, which the proxy must pass on
         * (see the module README's nginx configuration).
         */
        public Builder throttle(AttemptThrottle throttle) {
            gate.throttle(throttle);
            return this;
        }

        /** The throttle the configuration file describes ({@code pat4j.throttle.*}), a new one for this endpoint. */
        public Builder throttle(Pat4jSettings.Throttle settings) {
            return throttle(Objects.requireNonNull(settings, "settings").attemptThrottle());
        }

        /**
         * How the client address is found; default the connection's peer, which here is the
         * proxy itself, so every client would count as one. Name the proxy:
         * {@code clientAddress(ClientAddressResolver.trustedProxies(List.of(AddressRange.parse("127.0.0.1"))))},
         * and have it forward the client's address ({@code proxy_set_header X-Forwarded-For $remote_addr}).
         */
        public Builder clientAddress(ClientAddressResolver resolver) {
            gate.clientAddress(resolver);
            return this;
        }

        /** The client address as the configuration file says ({@code pat4j.http.trusted-proxies}, {@code pat4j.http.forwarded-header}). */
        public Builder clientAddress(Pat4jSettings.Http settings) {
            return clientAddress(Objects.requireNonNull(settings, "settings").clientAddressResolver());
        }

        /** The header of a 200 naming the owner; default {@value ForwardAuthServlet#DEFAULT_OWNER_HEADER}. */
        public Builder ownerHeader(String name) {
            this.owner = headerName(name);
            return this;
        }

        /** The header of a 200 naming the token id; default {@value ForwardAuthServlet#DEFAULT_TOKEN_ID_HEADER}. */
        public Builder tokenIdHeader(String name) {
            this.tokenId = headerName(name);
            return this;
        }

        /** The header of a 200 listing the scopes; default {@value ForwardAuthServlet#DEFAULT_SCOPES_HEADER}. */
        public Builder scopesHeader(String name) {
            this.scopes = headerName(name);
            return this;
        }

        /**
         * The request header in which the proxy requires scopes, added to the rules' own;
         * default {@value ForwardAuthServlet#DEFAULT_REQUIRED_SCOPE_HEADER}.
         */
        public Builder requiredScopeHeader(String name) {
            this.requiredScope = headerName(name);
            return this;
        }

        /**
         * The servlet.
         *
         * @throws IllegalArgumentException if two of the header names are the same
         */
        public ForwardAuthServlet build() {
            Set<String> distinct = new java.util.HashSet<>();
            for (String name : new String[] {owner, tokenId, scopes, requiredScope}) {
                if (!distinct.add(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("header " + name + " is configured for two purposes");
                }
            }
            return new ForwardAuthServlet(new ForwardAuthEndpoint(gate.build(),
                    new AnswerHeaders(owner, tokenId, scopes), requiredScope));
        }

        private static String headerName(String name) {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not an HTTP header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " has a meaning of its own here");
            }
            return name;
        }
    }
}
