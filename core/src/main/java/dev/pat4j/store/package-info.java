/**
 * The token storage SPI, its values and capabilities, and the in-memory store.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.store;

import org.jspecify.annotations.NullMarked;
