package dev.pat4j.lifecycle;

/**
 * The rule of a {@link TokenPolicy} that a request broke.
 * Immutable.
 */
public enum PolicyRule {
    MAX_LIFESPAN, FULL_ACCESS, ALL_ORGANIZATIONS, MAX_ACTIVE_TOKENS, EXPIRY_NOT_IN_FUTURE
}
