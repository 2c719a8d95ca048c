/**
 * The request path: a header in, a sealed result out.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.validation;

import org.jspecify.annotations.NullMarked;
