package dev.pat4j.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request to create a token: owner, display name, organization ({@code null} for all
 * organizations), lifespan or explicit expiry, and scope names. Immutable. The builder validates each field as it is set; scope
 * names and the policy are checked by {@link TokenService#create}.
 */
public record NewToken(String owner, String name, @Nullable String organization, @Nullable Duration lifespan,
                       @Nullable Instant expiresAt,
                       List<String> scopes) {

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
        return lifespan.compareTo(Duration.between(now, Instant.MAX)) >= 0 ? Instant.MAX : now.plus(lifespan);
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

        public NewToken build() {
            if (!organizationChosen) {
                throw new IllegalArgumentException("choose an organization or allOrganizations()");
            }
            return new NewToken(owner, name, organization, lifespan, expiresAt, scopes);
        }
    }
}
