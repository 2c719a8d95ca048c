/**
 * The HTTP adapter conformance suite: one table of requests and the answers every pat4j adapter gives.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.testkit.http;

import org.jspecify.annotations.NullMarked;
