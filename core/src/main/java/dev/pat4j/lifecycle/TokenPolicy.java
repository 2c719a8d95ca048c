package dev.pat4j.lifecycle;

import java.time.Duration;

/**
 * The rules {@link TokenService} enforces when tokens are created, extended or re-scoped:
 * maximum lifespan, whether full-access and all-organization tokens are allowed, and how many
 * active tokens one owner may hold. Defaults: 365 days, no full access, all-organization
 * tokens allowed, 50 active tokens.
 * Immutable.
 */
public record TokenPolicy(Duration maxLifespan, boolean allowFullAccess, boolean allowAllOrganizations,
                          int maxActiveTokensPerOwner) {

    public TokenPolicy {
        if (maxLifespan == null || maxLifespan.isNegative() || maxLifespan.isZero()) {
            throw new IllegalArgumentException("maxLifespan must be positive");
        }
        if (maxActiveTokensPerOwner < 1) {
            throw new IllegalArgumentException("maxActiveTokensPerOwner must be at least 1");
        }
    }

    /** The default policy. */
    public static TokenPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TokenPolicy}; setters validate at once. */
    public static final class Builder {
        private Duration maxLifespan = Duration.ofDays(365);
        private boolean allowFullAccess;
        private boolean allowAllOrganizations = true;
        private int maxActiveTokensPerOwner = 50;

        private Builder() {
        }

        public Builder maxLifespan(Duration maxLifespan) {
            if (maxLifespan == null || maxLifespan.isNegative() || maxLifespan.isZero()) {
                throw new IllegalArgumentException("maxLifespan must be positive");
            }
            this.maxLifespan = maxLifespan;
            return this;
        }

        public Builder allowFullAccess(boolean allow) {
            this.allowFullAccess = allow;
            return this;
        }

        public Builder allowAllOrganizations(boolean allow) {
            this.allowAllOrganizations = allow;
            return this;
        }

        public Builder maxActiveTokensPerOwner(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxActiveTokensPerOwner must be at least 1");
            }
            this.maxActiveTokensPerOwner = max;
            return this;
        }

        public TokenPolicy build() {
            return new TokenPolicy(maxLifespan, allowFullAccess, allowAllOrganizations, maxActiveTokensPerOwner);
        }
    }
}
