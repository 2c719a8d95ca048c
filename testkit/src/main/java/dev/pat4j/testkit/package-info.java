/**
 * pat4j's test kit: the store contract suite, the outbox contract suite, the hostile-header matrix and fixtures,
 * for third-party stores and adapters.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.testkit;

import org.jspecify.annotations.NullMarked;
