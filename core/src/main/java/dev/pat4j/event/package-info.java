/**
 * What happens to tokens (created, extended, re-scoped, revoked, expiring, leaked), delivered to listeners.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.event;

import org.jspecify.annotations.NullMarked;
