/**
 * pat4j for Jakarta Servlet containers: {@link dev.pat4j.servlet.Pat4jFilter} translates between a servlet request and core's {@link dev.pat4j.http.RequestGate}.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.servlet;

import org.jspecify.annotations.NullMarked;
