/**
 * pat4j's entry point: {@link dev.pat4j.Pat4j}, built once, hands out everything else.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j;

import org.jspecify.annotations.NullMarked;
