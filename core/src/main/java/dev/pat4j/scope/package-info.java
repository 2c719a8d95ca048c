/**
 * Scope catalogs and closed scope sets with their lattice operations.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.scope;

import org.jspecify.annotations.NullMarked;
