package dev.pat4j.web.internal.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The API's cross-site request forgery defence, for calls that change something. Every such
 * call is refused when the browser says it comes from another site ({@code Sec-Fetch-Site}
 * other than {@code same-origin}, or an {@code Origin} that is not the API's). A call with
 * ambient credentials (the container's session or login, which a browser sends on its own)
 * must moreover show the origin (one of those two headers, same-origin) and the synchronizer
 * token of its session in {@value #HEADER}, handed out by {@code GET /csrf} and bound to the
 * session and its user. Thread-safe.
 */
final class Csrf {
    static final String HEADER = "X-CSRF-Token";
    private static final String TOKEN = "dev.pat4j.web.csrf.token";
    private static final String USER = "dev.pat4j.web.csrf.user";

    private final SecureRandom random = new SecureRandom();
    private final List<String> allowedOrigins;

    /** @param allowedOrigins the origins (scheme://host[:port]) pages calling the API come from; empty: the request's own */
    Csrf(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The session's token for {@code user}, made (and the session started) on the first call. */
    String tokenFor(HttpServletRequest request, String user) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(TOKEN);
        if (token instanceof String t && user.equals(session.getAttribute(USER))) {
            return t;
        }
        // Two first calls at once each make one and the later wins: the other page fetches again on its 403.
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(USER, user);
        session.setAttribute(TOKEN, fresh);
        return fresh;
    }

    /** Refuses a state-changing call that comes from another site, whatever its credentials. */
    void requireNotCrossSite(HttpServletRequest request) {
        List<String> fetchSite = values(request, "Sec-Fetch-Site");
        List<String> origin = values(request, "Origin");
        if (fetchSite.size() > 1 || origin.size() > 1) {
            throw crossSite();
        }
        if (!fetchSite.isEmpty() && !"same-origin".equals(fetchSite.get(0).trim().toLowerCase(Locale.ROOT))) {
            throw crossSite();
        }
        if (!origin.isEmpty() && !allowed(request, origin.get(0).trim())) {
            throw crossSite();
        }
    }

    /** For ambient credentials: the origin shown and the session's token in the header. */
    void requireSynchronizerToken(HttpServletRequest request, String user) {
        if (values(request, "Sec-Fetch-Site").isEmpty() && values(request, "Origin").isEmpty()) {
            throw ApiProblem.forbidden("originRequired", "a call that changes something with a session must send "
                    + "Origin or Sec-Fetch-Site, from the same origin");
        }
        List<String> sent = values(request, HEADER);
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(TOKEN);
        boolean ok = sent.size() == 1 && expected instanceof String e && session != null
                && user.equals(session.getAttribute(USER))
                && MessageDigest.isEqual(e.getBytes(StandardCharsets.US_ASCII),
                        sent.get(0).getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw ApiProblem.forbidden("csrfTokenInvalid", "a call that changes something with a session needs the "
                    + "session's token from GET /csrf in the " + HEADER + " header");
        }
    }

    private boolean allowed(HttpServletRequest request, String origin) {
        if (allowedOrigins.isEmpty()) {
            return origin.equalsIgnoreCase(ownOrigin(request));
        }
        return allowedOrigins.stream().anyMatch(origin::equalsIgnoreCase);
    }

    /** scheme://host[:port] of the request as the container sees it (its Host header). */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort || port <= 0 ? "" : ":" + port);
    }

    private static List<String> values(HttpServletRequest request, String name) {
        return java.util.Collections.list(request.getHeaders(name));
    }

    private static ApiProblem crossSite() {
        return ApiProblem.forbidden("crossSiteRequest", "calls that change something are refused from other sites");
    }
}
