package dev.pat4j.jaxrs.internal;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The three refusals and their headers. Bodies are fixed and small so a client can never
 * learn which check failed; the same 401 answers a missing, malformed, unknown, revoked or
 * expired token.
 */
public final class Challenges {
    static final String UNAUTHORIZED_BODY = "401 Unauthorized\n";
    static final String FORBIDDEN_BODY = "403 Forbidden\n";
    static final String UNAVAILABLE_BODY = "503 Service Unavailable\n";
    private static final MediaType TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");
    private static final int MAX_REALM = 100;

    private final String basic;
    private final String bearer;
    private final String realmParameter;
    private final String retryAfterSeconds;

    public Challenges(String realm, long retryAfterSeconds) {
        requireRealm(realm);
        this.realmParameter = "realm=\"" + realm + "\"";
        this.basic = "Basic " + realmParameter + ", charset=\"UTF-8\"";
        this.bearer = "Bearer " + realmParameter;
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
    }

    /** A realm goes verbatim into a quoted-string, so quotes, backslashes and controls are refused. */
    public static String requireRealm(String realm) {
        if (realm == null || realm.isEmpty() || realm.length() > MAX_REALM) {
            throw new IllegalArgumentException("realm must be 1 to " + MAX_REALM + " characters");
        }
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                throw new IllegalArgumentException("realm must be printable ASCII without quotes or backslashes");
            }
        }
        return realm;
    }

    /** 401 with both challenges, RFC 7617 and RFC 6750. */
    Response unauthorized() {
        return refusal(Response.Status.UNAUTHORIZED, UNAUTHORIZED_BODY)
                .header(HttpHeaders.WWW_AUTHENTICATE, basic)
                .header(HttpHeaders.WWW_AUTHENTICATE, bearer)
                .build();
    }

    /** 403 naming the scopes the resource requires (RFC 6750, section 3.1). */
    Response insufficientScope(String scopes) {
        return refusal(Response.Status.FORBIDDEN, FORBIDDEN_BODY)
                .header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer " + realmParameter + ", error=\"insufficient_scope\", scope=\"" + scopes + "\"")
                .build();
    }

    /** 503: the store could not be asked, so nothing was decided about the token. */
    Response unavailable() {
        return refusal(Response.Status.SERVICE_UNAVAILABLE, UNAVAILABLE_BODY)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    private static Response.ResponseBuilder refusal(Response.Status status, String body) {
        return Response.status(status).type(TEXT).header(HttpHeaders.CACHE_CONTROL, "no-store").entity(body);
    }
}
