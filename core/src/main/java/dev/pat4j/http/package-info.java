/**
 * pat4j's one HTTP layer, free of servlet and JAX-RS types: {@link dev.pat4j.http.RequestGate}
 * decides from a {@link dev.pat4j.http.RequestView} what a request gets, as a
 * {@link dev.pat4j.http.Decision}; adapters only translate. {@link dev.pat4j.http.AccessRules}
 * holds method + path rules, {@link dev.pat4j.http.OrganizationSource} finds the organization,
 * {@link dev.pat4j.http.ForeignCredentials} says what happens to another mechanism's credential,
 * and {@link dev.pat4j.http.ClientAddressResolver} and {@link dev.pat4j.http.AttemptThrottle} are
 * the extension points for client addresses and throttling, with pat4j's own
 * {@link dev.pat4j.http.ClientAddressResolver#trustedProxies trusted proxies} and
 * {@link dev.pat4j.http.SlidingWindowThrottle}; {@link dev.pat4j.http.AddressRange} is an IPv4
 * or IPv6 CIDR range, parsed without DNS.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.http;

import org.jspecify.annotations.NullMarked;
