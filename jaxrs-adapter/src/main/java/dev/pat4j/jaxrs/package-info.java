/**
 * pat4j for Jakarta REST: {@link dev.pat4j.jaxrs.Pat4jFeature}, {@link dev.pat4j.jaxrs.RequiresScope} and the organization of a request.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.jaxrs;

import org.jspecify.annotations.NullMarked;
