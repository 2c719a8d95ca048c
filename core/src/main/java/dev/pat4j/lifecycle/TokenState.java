package dev.pat4j.lifecycle;

/**
 * Where a token is in its life. Revoked wins over expired.
 * Immutable.
 */
public enum TokenState {
    ACTIVE, EXPIRED, REVOKED
}
