package dev.pat4j.web;

import dev.pat4j.http.RequestGate;
import dev.pat4j.validation.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells the management API who makes a request: the application's side of the API, for
 * applications whose login is not the servlet container's (or that name administrators
 * otherwise). Empty means nobody is signed in, and the API answers 401. A request that pat4j's
 * own filter authenticated with a token must come back as {@link ActingUser#viaToken}, never as
 * an administrator. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ActingUserResolver {
    /** The role that makes a container user an administrator in {@link #container()}. */
    String DEFAULT_ADMINISTRATOR_ROLE = "pat4j-admin";

    /** The user making {@code request}, or empty when nobody is signed in. */
    Optional<ActingUser> resolve(HttpServletRequest request);

    /**
     * The container's login: {@code getUserPrincipal()} names the user and
     * {@code isUserInRole("pat4j-admin")} makes an administrator, as Jetty, Tomcat and Spring
     * Security fill them in. A request authenticated by pat4j's filter is the token's owner and
     * no administrator, whatever the token's scopes (the filter answers {@code isUserInRole} from
     * the scopes, so it is not asked).
     */
    static ActingUserResolver container() {
        return container(DEFAULT_ADMINISTRATOR_ROLE);
    }

    /** {@link #container()} with another administrator role. */
    static ActingUserResolver container(String administratorRole) {
        Objects.requireNonNull(administratorRole, "administratorRole");
        if (administratorRole.isBlank()) {
            throw new IllegalArgumentException("administratorRole must not be blank");
        }
        return request -> {
            Object token = request.getAttribute(RequestGate.PRINCIPAL_ATTRIBUTE);
            Principal principal = request.getUserPrincipal();
            if (token instanceof TokenPrincipal t) {
                return Optional.of(ActingUser.viaToken(t));
            }
            if (principal instanceof TokenPrincipal t) {
                return Optional.of(ActingUser.viaToken(t));
            }
            if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(ActingUser.signedIn(principal.getName(), request.isUserInRole(administratorRole)));
        };
    }
}
