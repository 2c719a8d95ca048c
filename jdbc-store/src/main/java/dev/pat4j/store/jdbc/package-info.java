/**
 * pat4j's durable store on H2 or PostgreSQL: {@link dev.pat4j.store.jdbc.JdbcTokenStore}, its change feed and its versioned migrations.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.store.jdbc;

import org.jspecify.annotations.NullMarked;
