package dev.pat4j.jaxrs;

import dev.pat4j.Pat4j;
import dev.pat4j.jaxrs.internal.AuthenticationFilter;
import dev.pat4j.jaxrs.internal.Challenges;
import dev.pat4j.jaxrs.internal.ResourceRules;
import dev.pat4j.jaxrs.internal.ScopeFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Duration;
import java.util.Objects;

/**
 * Registers pat4j in a Jakarta REST application in one line:
 * {@code register(new Pat4jFeature(pat4j))}. It installs an authentication filter that turns
 * the {@code Authorization} header into a {@link jakarta.ws.rs.core.SecurityContext} whose
 * principal is the {@link dev.pat4j.validation.TokenPrincipal} and whose
 * {@code isUserInRole(scope)} answers scope implication (so {@code @RolesAllowed} works through
 * the container's own role feature), and a filter that enforces {@link RequiresScope}.
 *
 * <p>Every matched resource requires a valid token unless it (or its class) is
 * {@code @PermitAll}, or {@link Builder#requireAuthentication(boolean)} was turned off. Refusals
 * are 401 with {@code Basic} and {@code Bearer} challenges, 403 with an RFC 6750
 * {@code insufficient_scope} challenge, or 503 with {@code Retry-After} when the token store is
 * down; the body never says which check failed, the log does (with the token id, never the
 * secret).
 */
public final class Pat4jFeature implements Feature {
    /** What {@code SecurityContext.getAuthenticationScheme()} answers for a token-authenticated request. */
    public static final String AUTHENTICATION_SCHEME = "PAT";
    /** The request property that holds the {@link dev.pat4j.validation.TokenPrincipal} once authenticated. */
    public static final String PRINCIPAL_PROPERTY = "dev.pat4j.principal";

    private final AuthenticationFilter authentication;
    private final ScopeFilter scopes;

    /** A feature with the defaults: realm {@code pat4j}, no organization, authentication required. */
    public Pat4jFeature(Pat4j pat4j) {
        this(builder(pat4j));
    }

    private Pat4jFeature(Builder b) {
        Challenges challenges = new Challenges(b.realm, b.retryAfter.toSeconds());
        ResourceRules rules = new ResourceRules(b.pat4j.catalog(), b.requireAuthentication);
        this.authentication = new AuthenticationFilter(b.pat4j.validator(), b.organizations, rules, challenges);
        this.scopes = new ScopeFilter(rules, challenges);
    }

    /** Starts a configuration for {@code pat4j}. */
    public static Builder builder(Pat4j pat4j) {
        return new Builder(pat4j);
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(authentication);
        context.register(scopes);
        return true;
    }

    /** Configures a {@link Pat4jFeature}; each setter validates its argument at once. */
    public static final class Builder {
        private final Pat4j pat4j;
        private String realm = "pat4j";
        private OrganizationResolver organizations = OrganizationResolver.none();
        private boolean requireAuthentication = true;
        private Duration retryAfter = Duration.ofSeconds(5);

        private Builder(Pat4j pat4j) {
            this.pat4j = Objects.requireNonNull(pat4j, "pat4j");
        }

        /** The realm named in challenges: 1 to 100 printable ASCII characters, no quote or backslash. */
        public Builder realm(String realm) {
            this.realm = Challenges.requireRealm(realm);
            return this;
        }

        /** How a request's organization is found; default: none, so tokens of any organization pass. */
        public Builder organization(OrganizationResolver resolver) {
            this.organizations = Objects.requireNonNull(resolver, "resolver");
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

        /** The {@code Retry-After} of a 503 sent while the store is down; whole seconds, at least one; default 5 s. */
        public Builder retryAfter(Duration retryAfter) {
            if (retryAfter == null || retryAfter.toSeconds() < 1) {
                throw new IllegalArgumentException("retryAfter must be at least one second");
            }
            this.retryAfter = retryAfter;
            return this;
        }

        public Pat4jFeature build() {
            return new Pat4jFeature(this);
        }
    }
}
