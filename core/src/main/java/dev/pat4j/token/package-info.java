/**
 * The token format: prefix, public id, secret and checksum.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.token;

import org.jspecify.annotations.NullMarked;
