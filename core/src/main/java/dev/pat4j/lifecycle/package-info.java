/**
 * Token management: creating, listing, extending, re-scoping and revoking tokens, and the policy and typed failures of those calls.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.lifecycle;

import org.jspecify.annotations.NullMarked;
