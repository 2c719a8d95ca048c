package dev.pat4j.servlet;

/**
 * Moved to {@link dev.pat4j.http.AccessRules} in core, where every adapter shares it. Only the
 * access kinds remain here, so that {@code unmatched(AccessRules.Access.DENIED)} keeps compiling.
 *
 * Immutable.
 *
 * @deprecated use {@link dev.pat4j.http.AccessRules}; this type goes in the next minor release
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class AccessRules {
    private AccessRules() {
    }

    /**
     * The access kinds, as before.
     *
     * @deprecated use {@link dev.pat4j.http.AccessRules.Access}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public enum Access {
        /** See {@link dev.pat4j.http.AccessRules.Access#ANONYMOUS}. */
        ANONYMOUS,
        /** See {@link dev.pat4j.http.AccessRules.Access#AUTHENTICATED}. */
        AUTHENTICATED,
        /** See {@link dev.pat4j.http.AccessRules.Access#DENIED}. */
        DENIED;

        /** The core access kind of the same name. */
        public dev.pat4j.http.AccessRules.Access toCore() {
            return dev.pat4j.http.AccessRules.Access.valueOf(name());
        }
    }
}
