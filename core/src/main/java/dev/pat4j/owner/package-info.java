/**
 * Owners' rights: the service provider interface through which the application says what each
 * token owner may do ({@link dev.pat4j.owner.OwnerDirectory}) and the value it answers with
 * ({@link dev.pat4j.owner.OwnerRights}). A token is created, extended and re-scoped only within
 * its owner's rights, and at validation grants its scopes narrowed to them.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.owner;

import org.jspecify.annotations.NullMarked;
