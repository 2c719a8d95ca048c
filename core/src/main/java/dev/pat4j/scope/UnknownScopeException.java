package dev.pat4j.scope;

/**
 * Thrown when a scope name is not declared in the {@link ScopeCatalog} it is used with.
 * Immutable.
 */
public final class UnknownScopeException extends IllegalArgumentException {
    private final String scope;

    public UnknownScopeException(String scope) {
        super("unknown scope: '" + scope + "'");
        this.scope = scope;
    }

    /** The name that is not in the catalog. */
    public String scope() {
        return scope;
    }
}
