/**
 * pat4j's HTTP endpoints for servlet containers, all built from {@link dev.pat4j.web.Pat4jWeb}:
 * {@link dev.pat4j.web.ForwardAuthServlet} answers a reverse proxy's authentication subrequests
 * (nginx {@code auth_request}, Traefik {@code forwardAuth}, Caddy {@code forward_auth});
 * {@link dev.pat4j.web.ManagementApiServlet} is the management REST API, whose callers an
 * {@link dev.pat4j.web.ActingUserResolver} names; {@link dev.pat4j.web.TokenPageServlet} is the
 * self-service page in the browser, a client of that API.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.web;

import org.jspecify.annotations.NullMarked;
