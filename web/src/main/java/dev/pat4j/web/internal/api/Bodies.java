package dev.pat4j.web.internal.api;

import dev.pat4j.lifecycle.TokenInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the API: request bodies (strict records) and response documents. */
final class Bodies {
    private Bodies() {
    }

    /** {@code POST /tokens}. Organization null or absent: all organizations; expiry absent: the default lifespan. */
    record CreateRequest(@Nullable String name, @Nullable List<String> scopes, @Nullable String organization,
                         @Nullable String expiresAt) {
    }

    /** {@code PATCH /tokens/{id}}: every field absent is unchanged. */
    record PatchRequest(@Nullable String name, @Nullable List<String> scopes, @Nullable String expiresAt) {
    }

    /** A token as the API shows it: never its secret. */
    record TokenView(String id, String name, String owner, String createdBy, @Nullable String createdVia,
                     @Nullable String organization, List<String> scopes, String createdAt, String expiresAt,
                     @Nullable String lastUsedAt, String status, @Nullable String revokedAt, String tokenHint) {

        static TokenView of(TokenInfo t, String prefix) {
            return new TokenView(t.id(), t.name(), t.owner(), t.createdBy(), t.createdVia(), t.organization(),
                    List.copyOf(new TreeSet<>(t.scopes().minimal())), time(t.createdAt()), time(t.expiresAt()),
                    timeOrNull(t.lastUsedAt()), t.state().name().toLowerCase(Locale.ROOT),
                    timeOrNull(t.revokedAt()), prefix + "_" + t.id().substring(0, 4) + "…");
        }
    }

    /** {@code POST /tokens}' answer: the token's view and, this once, the token. */
    record CreatedToken(String id, String name, String owner, String createdBy, @Nullable String createdVia,
                        @Nullable String organization, List<String> scopes, String createdAt, String expiresAt,
                        @Nullable String lastUsedAt, String status, @Nullable String revokedAt, String tokenHint,
                        String token) {
        static CreatedToken of(TokenView v, String token) {
            return new CreatedToken(v.id(), v.name(), v.owner(), v.createdBy(), v.createdVia(), v.organization(),
                    v.scopes(), v.createdAt(), v.expiresAt(), v.lastUsedAt(), v.status(), v.revokedAt(),
                    v.tokenHint(), token);
        }

        @Override
        public String toString() {
            return "CreatedToken[id=" + id + ", token=<redacted>]";
        }
    }

    record TokenList(List<TokenView> tokens, @Nullable String nextCursor) {
    }

    record ScopeView(String name, String label, @Nullable String group, boolean highPrivilege, List<String> implies) {
    }

    record ScopeList(List<ScopeView> scopes) {
    }

    /** {@code anyOrganization}: the user may act in every organization, and {@code organizations} is then empty. */
    record OrganizationList(boolean anyOrganization, boolean allOrganizationsTokenAllowed,
                            List<String> organizations) {
    }

    record PolicyView(String maxLifespan, long maxLifespanSeconds, String defaultLifespan, long defaultLifespanSeconds,
                      boolean allowFullAccess, boolean allowAllOrganizations, int maxActiveTokensPerOwner,
                      String extensionFrom) {
    }

    record CsrfToken(String token, String headerName) {
        @Override
        public String toString() {
            return "CsrfToken[<redacted>]";
        }
    }

    /** {@code GET /me}: the signed-in user, and whether the administrators' routes answer them. */
    record Me(String name, boolean administrator) {
    }

    record RevokedCount(int revoked) {
    }

    static String time(Instant instant) {
        return instant.toString();
    }

    static @Nullable String timeOrNull(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
