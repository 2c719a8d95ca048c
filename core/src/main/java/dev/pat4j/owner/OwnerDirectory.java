package dev.pat4j.owner;

/**
 * What the application says about the owners of tokens: for each owner, the scopes they hold
 * now, the organizations they may bind a token to, and whether they are active. pat4j asks it
 * when a token is created, extended or re-scoped (and refuses a scope or organization beyond the
 * answer with {@link dev.pat4j.lifecycle.OwnerRightsException}), and when the validator loads a
 * token into its cache: a token then grants its own scopes intersected with its owner's, acts
 * only in organizations its owner may act in, and is refused altogether while its owner is not
 * active. A cache hit never asks, so an answer holds for at most the cache TTL; after the
 * application changes an owner's rights it calls
 * {@link dev.pat4j.lifecycle.TokenService#ownerChanged(String)}, and every node re-asks at once
 * (through the store's change feed).
 *
 * <p>The default, {@link #everything()}, is an application without roles: every owner is active
 * and holds every scope and organization, so a token grants exactly its own scopes.
 *
 * <p>Implementations must be thread-safe. They may be slow (a database or directory query):
 * they are called on cache loads and management calls, never on the request path of a cached
 * token; an exception they throw refuses the management call, and a token whose rights could not
 * be read is refused as {@link dev.pat4j.validation.RejectionReason#STORE_UNAVAILABLE} (fail
 * closed, as when the token store is down).
 */
@FunctionalInterface
public interface OwnerDirectory {

    /**
     * The rights of {@code owner} now. An owner the application does not know should get
     * {@link OwnerRights#inactive()}.
     */
    OwnerRights rightsOf(String owner);

    /** Every owner is active and holds every scope and organization: the default. Stateless. */
    static OwnerDirectory everything() {
        return Everything.INSTANCE;
    }

    /** The directory of {@link #everything()}: a singleton without state. */
    enum Everything implements OwnerDirectory {
        INSTANCE;

        @Override
        public OwnerRights rightsOf(String owner) {
            return OwnerRights.everything();
        }
    }
}
