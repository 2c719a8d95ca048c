/**
 * How secrets are hashed for storage.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.hash;

import org.jspecify.annotations.NullMarked;
