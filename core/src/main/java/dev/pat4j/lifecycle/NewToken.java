package dev.pat4j.lifecycle;

import dev.pat4j.internal.SaturatingTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request to create a token: owner, display name, organization ({@code null} for all
 * organizations), lifespan or explicit expiry, scope names, and optionally the tool that mints
 * it for the owner ({@code createdVia}, free text such as {@code git: https://host/ on MyMachine};
 * null when the user made it themselves). Immutable. The builder validates each field as it is
 * set; scope names, the policy and the owner's rights are checked by {@link TokenService#create}.
 */
public record NewToken(String owner, String name, @Nullable String organization, @Nullable Duration lifespan,
                       @Nullable Instant expiresAt, List<String> scopes, @Nullable String createdVia) {

    public NewToken {
        Names.requireText("owner", owner, Names.MAX_NAME);
        Names.requireText("name", name, Names.MAX_NAME);
        if (organization != null) {
            Names.requireText("organization", organization, Names.MAX_NAME);
        }
        if ((lifespan == null) == (expiresAt == null)) {
            throw new IllegalArgumentException("give exactly one of lifespan and expiresAt");
        }
        if (lifespan != null && (lifespan.isNegative() || lifespan.isZero())) {
            throw new IllegalArgumentException("lifespan must be positive");
        }
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        if (createdVia != null) {
            Names.requireText("createdVia", createdVia, Names.MAX_NAME);
        }
    }

    /** A request naming no tool: the constructor before {@code createdVia}. */
    public NewToken(String owner, String name, @Nullable String organization, @Nullable Duration lifespan,
                    @Nullable Instant expiresAt, List<String> scopes) {
        this(owner, name, organization, lifespan, expiresAt, scopes, null);
    }

    /**
     * Checks a token name as {@link #builder} and {@link TokenService#rename} do: 1 to 256
     * characters, no control or bidirectional-override characters, no surrounding white space.
     *
     * @return {@code name}
     * @throws IllegalArgumentException saying what is wrong, without repeating the name
     */
    public static String requireValidName(String name) {
        return Names.requireText("name", name, Names.MAX_NAME);
    }

    /** Starts a request for {@code owner}'s token named {@code name}. */
    public static Builder builder(String owner, String name) {
        return new Builder(owner, name);
    }

    /**
     * Whether the token is to act in every organization; {@link #organization()} is then null.
     * The same convention as {@link TokenInfo} and {@link dev.pat4j.validation.TokenPrincipal}.
     */
    public boolean allOrganizations() {
        return organization == null;
    }

    /**
     * The expiry this request asks for, given the current time; {@link Instant#MAX} for a
     * lifespan beyond the end of time, so the policy refuses it rather than the arithmetic.
     */
    public Instant expiryFrom(Instant now) {
        if (expiresAt != null) {
            return expiresAt;
        }
        return SaturatingTime.plus(now, lifespan);
    }

    /** Builds a {@link NewToken}; each setter validates its argument at once. */
    public static final class Builder {
        private final String owner;
        private final String name;
        private String organization;
        private boolean organizationChosen;
        private Duration lifespan;
        private Instant expiresAt;
        private List<String> scopes = List.of();
        private String createdVia;

        private Builder(String owner, String name) {
            this.owner = Names.requireText("owner", owner, Names.MAX_NAME);
            this.name = Names.requireText("name", name, Names.MAX_NAME);
        }

        /** Binds the token to one organization. */
        public Builder organization(String organization) {
            this.organization = Names.requireText("organization", organization, Names.MAX_NAME);
            this.organizationChosen = true;
            return this;
        }

        /** Lets the token act in every organization (subject to policy). */
        public Builder allOrganizations() {
            this.organization = null;
            this.organizationChosen = true;
            return this;
        }

        /** The token expires this long after creation. */
        public Builder lifespan(Duration lifespan) {
            if (lifespan == null || lifespan.isNegative() || lifespan.isZero()) {
                throw new IllegalArgumentException("lifespan must be positive");
            }
            this.lifespan = lifespan;
            this.expiresAt = null;
            return this;
        }

        /** The token expires at this instant. */
        public Builder expiresAt(Instant expiresAt) {
            if (expiresAt == null) {
                throw new IllegalArgumentException("expiresAt must not be null");
            }
            this.expiresAt = expiresAt;
            this.lifespan = null;
            return this;
        }

        /** The scope names the token carries (at least one). */
        public Builder scopes(String... scopes) {
            return scopes(Arrays.asList(scopes));
        }

        /** The scope names the token carries (at least one). */
        public Builder scopes(List<String> scopes) {
            if (scopes == null || scopes.isEmpty() || scopes.contains(null)) {
                throw new IllegalArgumentException("a token needs at least one scope");
            }
            this.scopes = List.copyOf(scopes);
            return this;
        }

        /**
         * The tool that mints the token for its owner, shown beside the acting user when the
         * token is listed: free text of 1 to 256 characters without control characters or
         * surrounding white space, such as {@code git: https://host/ on MyMachine} or
         * {@code Service Hooks: Azure App Service: Deploy web app}. Not set: no tool.
         */
        public Builder createdVia(String tool) {
            this.createdVia = Names.requireText("createdVia", tool, Names.MAX_NAME);
            return this;
        }

        public NewToken build() {
            if (!organizationChosen) {
                throw new IllegalArgumentException("choose an organization or allOrganizations()");
            }
            return new NewToken(owner, name, organization, lifespan, expiresAt, scopes, createdVia);
        }
    }
}
