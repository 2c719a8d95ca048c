package dev.pat4j.testkit.http;

import dev.pat4j.lifecycle.IssuedToken;

/**
 * The tokens of a {@link ConformanceWorld}: one per scope level in organization {@code acme}, an
 * all-organization full-access token, a revoked and an expired one, one of the other
 * organization, and {@code neverUsed}, kept for the store-outage case (it must not be cached).
 * Immutable.
 */
public record ConformanceTokens(IssuedToken reader, IssuedToken writer, IssuedToken manager, IssuedToken full,
                                IssuedToken revoked, IssuedToken expired, IssuedToken otherOrganization,
                                IssuedToken neverUsed) {
}
