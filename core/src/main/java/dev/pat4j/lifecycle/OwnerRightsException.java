package dev.pat4j.lifecycle;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A create, extend or re-scope would give a token more than its owner may do, as the
 * application's {@link dev.pat4j.owner.OwnerDirectory} says: the owner is not active, does not
 * hold a scope, or may not bind a token to the organization. Nothing was written. The limit is
 * the owner's, whoever acts: an administrator creating a token for someone else is held to that
 * person's rights. The message names the owner and what is beyond their rights. Immutable.
 */
public final class OwnerRightsException extends TokenException {
    /** What is beyond the owner's rights. */
    public enum Refusal {
        /** The owner is not active. */
        OWNER_INACTIVE,
        /** The owner does not hold some of the token's scopes ({@link #scopes()}). */
        SCOPE_NOT_HELD,
        /**
         * The owner may not bind a token to {@link #organization()}; when that is null, the
         * token is for all organizations and the owner may act only in some.
         */
        ORGANIZATION_NOT_ALLOWED
    }

    private final Refusal refusal;
    private final String owner;
    private final Set<String> scopes;
    private final @Nullable String organization;

    /**
     * @param scopes the scopes not held (for {@link Refusal#SCOPE_NOT_HELD}; else empty), in their minimal form
     * @param organization the organization not allowed (for {@link Refusal#ORGANIZATION_NOT_ALLOWED};
     *     null for all organizations, and for the other refusals)
     */
    public OwnerRightsException(Refusal refusal, String owner, Set<String> scopes, @Nullable String organization) {
        super("owner rights " + refusal + ": " + describe(refusal, owner, scopes, organization));
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.scopes = Set.copyOf(scopes);
        this.organization = organization;
    }

    /** What is beyond the owner's rights. */
    public Refusal refusal() {
        return refusal;
    }

    /** The owner whose rights were exceeded. */
    public String owner() {
        return owner;
    }

    /** The scopes the owner does not hold; empty unless {@link Refusal#SCOPE_NOT_HELD}. */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * The organization the owner may not bind a token to, for {@link Refusal#ORGANIZATION_NOT_ALLOWED}
     * (null there for all organizations); null for the other refusals.
     */
    public @Nullable String organization() {
        return organization;
    }

    private static String describe(Refusal refusal, String owner, Set<String> scopes, @Nullable String organization) {
        return switch (refusal) {
            case OWNER_INACTIVE -> owner + " is not active";
            case SCOPE_NOT_HELD -> owner + " does not hold " + String.join(" ", scopes);
            case ORGANIZATION_NOT_ALLOWED -> organization == null
                    ? owner + " may not hold tokens for all organizations; name one"
                    : owner + " may not bind a token to organization " + organization;
        };
    }
}
