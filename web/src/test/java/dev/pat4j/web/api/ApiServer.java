package dev.pat4j.web.api;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AccessRules;
import dev.pat4j.servlet.Pat4jFilter;
import dev.pat4j.web.Pat4jWeb;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;

/**
 * A servlet container serving the management API five times over: at {@value #MANAGE} behind the
 * container's own Basic login (users alice and bob, administrator root), at {@value #PAT} behind
 * pat4j's filter (the API's callers are tokens there; tokens with {@value #MANAGE_SCOPE} may manage),
 * at {@value #OPEN} behind no login at all, and, deferring to the container's CSRF protection, at
 * {@value #CONTAINER} (behind the login and that protection) and {@value #UNGUARDED} (behind the
 * login only).
 */
interface ApiServer extends AutoCloseable {
    String MANAGE = "/manage";
    String PAT = "/pat";
    String OPEN = "/open";
    /** Behind the container's login and its own CSRF protection ({@link ContainerCsrfFilter}), which the API defers to. */
    String CONTAINER = "/container";
    /** The same deferring API behind the login but without the container's CSRF protection. */
    String UNGUARDED = "/unguarded";
    String CONTAINER_CSRF_TOKEN = "container-csrf-token-0123456789";
    String MANAGE_SCOPE = "pats:manage";
    String USER_ROLE = "user";
    String ADMIN_ROLE = "pat4j-admin";
    /** name, password, whether an administrator. */
    String[][] USERS = {{"alice", "alice-password-1"}, {"bob", "bob-password-2"}, {"root", "root-password-3"}};

    int port();

    @Override
    void close();

    /** The servlets and the filters, one set per server. */
    record Mounts(HttpServlet manage, HttpServlet pat, HttpServlet open, Filter patFilter, HttpServlet container,
                  HttpServlet unguarded, Filter containerCsrf) {
        static Mounts of(Pat4j pat4j) {
            return new Mounts(Pat4jWeb.managementApi(pat4j).build(),
                    Pat4jWeb.managementApi(pat4j).allowTokensWithScope(MANAGE_SCOPE).build(),
                    Pat4jWeb.managementApi(pat4j).build(),
                    Pat4jFilter.builder(pat4j).unmatched(AccessRules.Access.AUTHENTICATED).build(),
                    Pat4jWeb.managementApi(pat4j).csrfByContainer(ContainerCsrfFilter.tokens()).build(),
                    Pat4jWeb.managementApi(pat4j).csrfByContainer(ContainerCsrfFilter.tokens()).build(),
                    new ContainerCsrfFilter(CONTAINER_CSRF_TOKEN));
        }
    }

    static boolean administrator(String user) {
        return user.equals("root");
    }

}
