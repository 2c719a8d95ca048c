package dev.pat4j.jaxrs;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.http.OrganizationSource;
import dev.pat4j.http.RequestGate;
import dev.pat4j.jaxrs.internal.AuthenticationFilter;
import dev.pat4j.jaxrs.internal.JaxrsRequestView;
import dev.pat4j.jaxrs.internal.PeerAddress;
import dev.pat4j.jaxrs.internal.PathScreen;
import dev.pat4j.jaxrs.internal.ResourceRules;
import dev.pat4j.jaxrs.internal.ScopeFilter;
import dev.pat4j.settings.Pat4jSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Registers pat4j in a Jakarta REST application in one line:
 * {@code register(new Pat4jFeature(pat4j))}. It installs a pre-matching filter that refuses
 * non-canonical paths, an authentication filter that turns the {@code Authorization} header
 * into a {@link jakarta.ws.rs.core.SecurityContext} whose principal is the
 * {@link dev.pat4j.validation.TokenPrincipal} and whose {@code isUserInRole(scope)} answers
 * scope implication (so {@code @RolesAllowed} works through the container's own role feature),
 * and a filter that enforces {@link RequiresScope}. What a request gets is decided by core's
 * {@link RequestGate}, the same for every pat4j adapter (see the module README for the table of
 * answers); these filters only translate. Immutable; thread-safe.
 *
 * <p>Every matched resource requires a valid token unless it (or its class) is
 * {@code @PermitAll}, or {@link Builder#requireAuthentication(boolean)} was turned off. The body
 * of a refusal never says which check failed; the log (logger
 * {@code dev.pat4j.jaxrs.Pat4jFeature}) does, with the token id, never the secret.
 */
public final class Pat4jFeature implements Feature {
    /** What {@code SecurityContext.getAuthenticationScheme()} answers for a token-authenticated request. */
    public static final String AUTHENTICATION_SCHEME = RequestGate.AUTHENTICATION_SCHEME;
    /** The request property that holds the {@link dev.pat4j.validation.TokenPrincipal} once authenticated. */
    public static final String PRINCIPAL_PROPERTY = RequestGate.PRINCIPAL_ATTRIBUTE;

    private final PathScreen paths;
    private final AuthenticationFilter authentication;
    private final ScopeFilter scopes;

    /** A feature with the defaults: realm {@code pat4j}, no organization, authentication required. */
    public Pat4jFeature(Pat4j pat4j) {
        this(builder(pat4j));
    }

    private Pat4jFeature(Builder b) {
        RequestGate gate = b.gate.organizationFrom(b.organizations)
                .clientAddress(b.peerAddress == null ? b.clientAddress : PeerAddress.of(b.clientAddress, b.peerAddress))
                .build();
        ResourceRules rules = new ResourceRules(b.pat4j.catalog(), b.requireAuthentication);
        this.paths = new PathScreen(gate);
        this.authentication = new AuthenticationFilter(gate, rules);
        this.scopes = new ScopeFilter(gate, rules);
    }

    /** Starts a configuration for {@code pat4j}. */
    public static Builder builder(Pat4j pat4j) {
        return new Builder(pat4j);
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(paths);
        context.register(authentication);
        context.register(scopes);
        return true;
    }

    /** Configures a {@link Pat4jFeature}; each setter validates its argument at once. */
    public static final class Builder {
        private final Pat4j pat4j;
        private final RequestGate.Builder gate;
        private OrganizationSource organizations = OrganizationSource.none();
        private boolean requireAuthentication = true;
        private ClientAddressResolver clientAddress = ClientAddressResolver.peer();
        private @Nullable Function<ContainerRequestContext, @Nullable String> peerAddress;
        private boolean throttled;

        private Builder(Pat4j pat4j) {
            this.pat4j = Objects.requireNonNull(pat4j, "pat4j");
            this.gate = RequestGate.builder(pat4j);
        }

        /** The realm named in challenges: 1 to 256 printable ASCII characters (quoted and escaped); default {@code pat4j}. */
        public Builder realm(String realm) {
            gate.realm(realm);
            return this;
        }

        /**
         * How a request's organization is found; default: none, so only all-organization tokens
         * pass (see {@link OrganizationResolver}).
         */
        public Builder organization(OrganizationResolver resolver) {
            Objects.requireNonNull(resolver, "resolver");
            this.organizations = view -> resolver.resolve(((JaxrsRequestView) view).request());
            return this;
        }

        /**
         * How a request's organization is found, as the configuration file says
         * ({@code pat4j.organizations.source}: none, a header or a path segment), so that an
         * application, its CLI and its demo read it from one place.
         */
        public Builder organizationFrom(Pat4jSettings.Organizations settings) {
            this.organizations = Objects.requireNonNull(settings, "settings").organizationSource();
            return this;
        }

        /**
         * Whether resources without {@code @PermitAll} require a token (default true). When false,
         * only resources with {@link RequiresScope}, {@code @RolesAllowed} or {@code @DenyAll}
         * require one; a presented token is still checked everywhere.
         */
        public Builder requireAuthentication(boolean require) {
            this.requireAuthentication = require;
            return this;
        }

        /** The {@code Retry-After} of a 503 (store down): whole seconds from 1 to 86,400; default 5 seconds. */
        public Builder retryAfter(Duration retryAfter) {
            gate.retryAfter(retryAfter);
            return this;
        }

        /**
         * What happens to a credential that is not a pat4j token (a password, a JWT); default
         * {@link ForeignCredentials#REFUSE} (401). With {@link ForeignCredentials#PASS_ON} the
         * request goes on unauthenticated to filters of later priority, and neither
         * {@code @PermitAll} defaults nor {@link RequiresScope} apply to it: register the other
         * mechanism's filter at a priority after {@code Priorities.AUTHENTICATION}, and let it
         * refuse what it cannot authenticate.
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
            this.throttled = throttle != AttemptThrottle.none();
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
         * How the client address is found, for the throttle; default the connection's peer (see
         * {@link #peerAddress}). Behind a reverse proxy:
         * {@link ClientAddressResolver#trustedProxies(java.util.List)}.
         */
        public Builder clientAddress(ClientAddressResolver resolver) {
            this.clientAddress = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * How to learn the connection's peer address, which Jakarta REST has no portable API for;
         * default none: every request's peer is unknown, so a throttle counts all clients as one
         * (and trusted proxies cannot be recognised). Set it whenever a throttle is configured, as
         * the container allows: RESTEasy
         * {@code r -> ResteasyContext.getContextData(HttpServletRequest.class).getRemoteAddr()};
         * Jersey in a servlet container, a {@code @Context HttpServletRequest} of a filter of your
         * own that sets a request property this function reads. A null answer is an unknown peer.
         */
        public Builder peerAddress(Function<ContainerRequestContext, @Nullable String> peer) {
            this.peerAddress = Objects.requireNonNull(peer, "peer");
            return this;
        }

        /** The client address as the configuration file says ({@code pat4j.http.trusted-proxies}, {@code pat4j.http.forwarded-header}). */
        public Builder clientAddress(Pat4jSettings.Http settings) {
            return clientAddress(Objects.requireNonNull(settings, "settings").clientAddressResolver());
        }

        /**
         * Builds the feature. A throttle without {@link #peerAddress} is refused: every request's
         * peer would be unknown, all clients one count, and one guesser could block them all.
         *
         * @throws IllegalStateException if a throttle is set but not how to learn the peer
         */
        public Pat4jFeature build() {
            if (throttled && peerAddress == null) {
                throw new IllegalStateException("a throttle needs peerAddress(...): Jakarta REST has no portable peer"
                        + " address, and without one every client would share one count, so one could block all");
            }
            return new Pat4jFeature(this);
        }
    }
}
