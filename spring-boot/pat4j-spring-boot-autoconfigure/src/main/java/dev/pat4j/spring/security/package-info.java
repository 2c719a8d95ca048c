/**
 * pat4j in Spring Security: {@link dev.pat4j.spring.security.Pat4jConfigurer}, applied with
 * {@code http.with(Pat4jConfigurer.pat4j(), c -> ...)}, authenticates personal access tokens
 * beside the chain's other mechanisms (form login, password Basic, a JWT resource server), through
 * an {@code AuthenticationFilter} with {@link dev.pat4j.spring.security.Pat4jAuthenticationConverter}
 * and {@link dev.pat4j.spring.security.Pat4jAuthenticationProvider}. What a request gets is decided
 * by core's {@link dev.pat4j.http.RequestGate}, as for every pat4j adapter.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.spring.security;

import org.jspecify.annotations.NullMarked;
