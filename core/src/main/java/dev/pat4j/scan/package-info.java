/**
 * Finding tokens in text, by shape and checksum.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.scan;

import org.jspecify.annotations.NullMarked;
