/**
 * Micrometer meters for pat4j, with or without Spring: {@link dev.pat4j.micrometer.Pat4jMetrics}
 * observes a {@link dev.pat4j.Pat4j} and binds its meters to a {@code MeterRegistry}.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.micrometer;

import org.jspecify.annotations.NullMarked;
