package dev.pat4j.owner;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one owner may do now, as an {@link OwnerDirectory} answers: whether the owner is
 * {@code active}, the scope names they hold ({@code scopes}, null for every scope), and the
 * organizations they may bind a token to and act in ({@code organizations}, null for every
 * organization, which an all-organization token needs). Held scopes carry their implications
 * (holding {@code code:write} holds {@code code:read}); a name the scope catalog does not declare
 * grants nothing. Immutable.
 *
 * <pre>{@code
 * OwnerRights.everything()                                  // the default
 * OwnerRights.everything().withScopes("code:write", "build:read").withOrganizations("acme")
 * OwnerRights.inactive()                                    // a user who left: every token refused
 * }</pre>
 */
public record OwnerRights(boolean active, @Nullable Set<String> scopes, @Nullable Set<String> organizations) {
    private static final OwnerRights EVERYTHING = new OwnerRights(true, null, null);
    private static final OwnerRights INACTIVE = new OwnerRights(false, Set.of(), Set.of());

    /**
     * @throws IllegalArgumentException if a scope or organization name is blank
     */
    public OwnerRights {
        scopes = scopes == null ? null : names("scope", scopes);
        organizations = organizations == null ? null : names("organization", organizations);
    }

    /** Active, every scope, every organization: an application without roles. */
    public static OwnerRights everything() {
        return EVERYTHING;
    }

    /** Not active: the owner's tokens are refused and none can be created, extended or re-scoped. */
    public static OwnerRights inactive() {
        return INACTIVE;
    }

    /** These rights holding only {@code scopes} (with what they imply). */
    public OwnerRights withScopes(String... scopes) {
        return withScopes(Arrays.asList(scopes));
    }

    /** These rights holding only {@code scopes} (with what they imply). */
    public OwnerRights withScopes(Collection<String> scopes) {
        return new OwnerRights(active, names("scope", scopes), organizations);
    }

    /** These rights in only {@code organizations}: no all-organization token. */
    public OwnerRights withOrganizations(String... organizations) {
        return withOrganizations(Arrays.asList(organizations));
    }

    /** These rights in only {@code organizations}: no all-organization token. */
    public OwnerRights withOrganizations(Collection<String> organizations) {
        return new OwnerRights(active, scopes, names("organization", organizations));
    }

    /** Whether the owner holds every scope. */
    public boolean allScopes() {
        return scopes == null;
    }

    /** Whether the owner may act in every organization (and so hold all-organization tokens). */
    public boolean allOrganizations() {
        return organizations == null;
    }

    /**
     * Whether a token of this owner may be bound to {@code organization}: one the owner may act
     * in, or, for null (all organizations), only if the owner may act in every one.
     */
    public boolean mayBindTo(@Nullable String organization) {
        if (organizations == null) {
            return true;
        }
        return organization != null && organizations.contains(organization);
    }

    private static Set<String> names(String what, Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " names must not be blank");
            }
            out.add(name);
        }
        return Set.copyOf(out);
    }
}
