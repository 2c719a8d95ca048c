package dev.pat4j.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The filter's refusals: status, challenges and one small fixed body per status, so that a
 * client can never tell which check failed. Written directly rather than through
 * {@code sendError}, so container error pages cannot change the body.
 */
public final class Responses {
    private static final int MAX_REALM_LENGTH = 256;
    private static final byte[] UNAUTHORIZED = body("401 Unauthorized");
    private static final byte[] FORBIDDEN = body("403 Forbidden");
    private static final byte[] UNAVAILABLE = body("503 Service Unavailable");
    private static final byte[] BAD_REQUEST = body("400 Bad Request");

    private final String quotedRealm;
    private final String basicChallenge;
    private final String bearerChallenge;
    private final String retryAfter;

    public Responses(String realm, int retryAfterSeconds) {
        this.quotedRealm = quote(requireRealm(realm));
        this.basicChallenge = "Basic realm=" + quotedRealm + ", charset=\"UTF-8\"";
        this.bearerChallenge = "Bearer realm=" + quotedRealm;
        this.retryAfter = Integer.toString(retryAfterSeconds);
    }

    /**
     * Checks that a realm can go into a header as it is: 1 to 256 printable ASCII characters
     * (quotes and backslashes are escaped when quoted).
     */
    public static String requireRealm(String realm) {
        if (realm == null || realm.isEmpty() || realm.length() > MAX_REALM_LENGTH) {
            throw new IllegalArgumentException("the realm must be 1 to " + MAX_REALM_LENGTH + " characters");
        }
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < ' ' || c > '~') {
                throw new IllegalArgumentException(
                        "the realm must be printable ASCII; found U+" + String.format("%04X", (int) c));
            }
        }
        return realm;
    }

    /** An RFC 9110 quoted-string: {@code "} and {@code \} are escaped with a backslash. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** 401 with a Basic and a Bearer challenge. */
    public void unauthorized(HttpServletResponse response) throws IOException {
        response.addHeader("WWW-Authenticate", basicChallenge);
        response.addHeader("WWW-Authenticate", bearerChallenge);
        write(response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED);
    }

    /** 403 for a valid token that lacks scopes, naming the scopes the resource requires (RFC 6750). */
    public void insufficientScope(HttpServletResponse response, List<String> requiredScopes) throws IOException {
        response.addHeader("WWW-Authenticate", bearerChallenge + ", error=\"insufficient_scope\", scope="
                + quote(String.join(" ", requiredScopes)));
        write(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN);
    }

    /** 403 for a request no token could make pass. */
    public void forbidden(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN);
    }

    /** 503 with Retry-After: the token store could not be reached. */
    public void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", retryAfter);
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, UNAVAILABLE);
    }

    /** 400: the request itself is ambiguous (e.g. its organization). */
    public void badRequest(HttpServletResponse response) throws IOException {
        write(response, HttpServletResponse.SC_BAD_REQUEST, BAD_REQUEST);
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] body(String text) {
        return (text + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
