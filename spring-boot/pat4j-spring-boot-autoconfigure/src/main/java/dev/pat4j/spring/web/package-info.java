/**
 * pat4j's management API (module pat4j-web) behind Spring Security:
 * {@link dev.pat4j.spring.web.SpringSecurityActingUser} names the acting user from the
 * {@code SecurityContext} and {@link dev.pat4j.spring.web.SpringSecurityCsrf} hands the API Spring
 * Security's own CSRF token. {@code Pat4jWebAutoConfiguration} mounts the API with both when
 * {@code pat4j.web.enabled=true}; an application that mounts it itself can use them too.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.spring.web;

import org.jspecify.annotations.NullMarked;
