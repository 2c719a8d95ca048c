package dev.pat4j.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules {@link TokenService} enforces when tokens are created, extended or re-scoped:
 * maximum lifespan, what an extension's lifespan counts from, whether full-access and
 * all-organization tokens are allowed, and how many active tokens one owner may hold.
 * Defaults: 365 days, counted from now when extending, no full access, all-organization tokens
 * allowed, 50 active tokens.
 * Immutable.
 *
 * @param maxLifespan the longest a token may live: from its creation when created, from now or
 *     from its creation when extended (see {@code extensionFrom})
 * @param allowFullAccess whether tokens with {@code *} may be created
 * @param allowAllOrganizations whether tokens for all organizations may be created
 * @param maxActiveTokensPerOwner how many tokens one owner may hold that are neither revoked nor expired
 * @param extensionFrom what an extension's maximum lifespan counts from
 */
public record TokenPolicy(Duration maxLifespan, boolean allowFullAccess, boolean allowAllOrganizations,
                          int maxActiveTokensPerOwner, ExtensionBase extensionFrom) {

    /**
     * What the maximum lifespan of an extended token counts from. Immutable.
     */
    public enum ExtensionBase {
        /**
         * From the moment of the extension: a token can be kept alive indefinitely, one maximum
         * lifespan at a time. pat4j's default.
         */
        NOW,
        /**
         * From the token's creation, as Azure DevOps does: no extension moves the expiry past
         * created + maximum lifespan, so every token ends within one lifespan of its creation.
         */
        CREATION
    }

    public TokenPolicy {
        if (maxLifespan == null || maxLifespan.isNegative() || maxLifespan.isZero()) {
            throw new IllegalArgumentException("maxLifespan must be positive");
        }
        if (maxActiveTokensPerOwner < 1) {
            throw new IllegalArgumentException("maxActiveTokensPerOwner must be at least 1");
        }
        Objects.requireNonNull(extensionFrom, "extensionFrom");
    }

    /** A policy whose extensions count from now, as before the extension rule existed. */
    public TokenPolicy(Duration maxLifespan, boolean allowFullAccess, boolean allowAllOrganizations,
                       int maxActiveTokensPerOwner) {
        this(maxLifespan, allowFullAccess, allowAllOrganizations, maxActiveTokensPerOwner, ExtensionBase.NOW);
    }

    /** The default policy. */
    public static TokenPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TokenPolicy}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private Duration maxLifespan = Duration.ofDays(365);
        private boolean allowFullAccess;
        private boolean allowAllOrganizations = true;
        private int maxActiveTokensPerOwner = 50;
        private ExtensionBase extensionFrom = ExtensionBase.NOW;

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

        /** What an extension's maximum lifespan counts from; default {@link ExtensionBase#NOW}. */
        public Builder extensionFrom(ExtensionBase base) {
            this.extensionFrom = Objects.requireNonNull(base, "base");
            return this;
        }

        public TokenPolicy build() {
            return new TokenPolicy(maxLifespan, allowFullAccess, allowAllOrganizations, maxActiveTokensPerOwner,
                    extensionFrom);
        }
    }
}
