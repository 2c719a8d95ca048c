package dev.pat4j.http.internal;

import dev.pat4j.http.Decision;
import dev.pat4j.http.Decision.Body;
import dev.pat4j.http.Decision.Header;
import dev.pat4j.http.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The refusals every adapter sends, built once per gate: 400, 401 with a {@code Basic} and a
 * {@code Bearer} challenge, 403 plain or with an RFC 6750 {@code insufficient_scope} challenge,
 * 429 and 503 with {@code Retry-After}. Every refusal carries {@code Cache-Control: no-store}.
 * Immutable; thread-safe.
 */
public final class Challenges {
    /** The longest realm accepted. */
    public static final int MAX_REALM_LENGTH = 256;
    /** The longest {@code Retry-After}, one day: a store outage longer than that needs people, not retries. */
    public static final long MAX_RETRY_AFTER_SECONDS = 86_400;
    private static final Pattern SCOPE_UNSAFE = Pattern.compile("[^A-Za-z0-9:._*-]");
    private static final Header NO_STORE = new Header("Cache-Control", "no-store");
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final String bearerChallenge;
    private final List<Header> unauthorized;
    private final String retryAfter;

    public Challenges(String realm, Duration retryAfter) {
        String quotedRealm = quote(requireRealm(realm));
        this.bearerChallenge = "Bearer realm=" + quotedRealm;
        this.unauthorized = List.of(new Header(WWW_AUTHENTICATE, "Basic realm=" + quotedRealm + ", charset=\"UTF-8\""),
                new Header(WWW_AUTHENTICATE, bearerChallenge), NO_STORE);
        this.retryAfter = Long.toString(requireRetryAfter(retryAfter).getSeconds());
    }

    /**
     * Checks that a realm can go into a header: 1 to 256 printable ASCII characters (quotes and
     * backslashes are escaped when quoted).
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

    /** Checks a {@code Retry-After}: whole seconds from 1 to 86,400. */
    public static Duration requireRetryAfter(Duration delay) {
        if (delay == null || delay.getNano() != 0 || delay.getSeconds() < 1
                || delay.getSeconds() > MAX_RETRY_AFTER_SECONDS) {
            throw new IllegalArgumentException("retryAfter must be whole seconds from 1 to " + MAX_RETRY_AFTER_SECONDS);
        }
        return delay;
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

    /** 400: the request itself is malformed or ambiguous. */
    public Decision.Refuse badRequest(LogLine log) {
        return new Decision.Refuse(400, List.of(NO_STORE), Body.BAD_REQUEST, log);
    }

    /** 401 with both challenges (RFC 7617, RFC 6750). */
    public Decision.Refuse unauthorized(LogLine log) {
        return new Decision.Refuse(401, unauthorized, Body.UNAUTHORIZED, log);
    }

    /** 403 with no challenge: no token could make the request pass. */
    public Decision.Refuse forbidden(LogLine log) {
        return new Decision.Refuse(403, List.of(NO_STORE), Body.FORBIDDEN, log);
    }

    /** 403 naming every scope the resource requires (RFC 6750, section 3.1). */
    public Decision.Refuse insufficientScope(List<String> requiredScopes, LogLine log) {
        List<String> safe = new ArrayList<>(requiredScopes.size());
        for (String scope : requiredScopes) {
            safe.add(SCOPE_UNSAFE.matcher(scope).replaceAll(""));
        }
        Header challenge = new Header(WWW_AUTHENTICATE, bearerChallenge + ", error=\"insufficient_scope\", scope="
                + quote(String.join(" ", safe)));
        return new Decision.Refuse(403, List.of(challenge, NO_STORE), Body.FORBIDDEN, log);
    }

    /** 429: the throttle asks this client to wait {@code delay} (rounded up to whole seconds, at least one). */
    public Decision.Refuse tooManyRequests(Duration delay, LogLine log) {
        long seconds = Math.max(1, delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0));
        return new Decision.Refuse(429, List.of(new Header("Retry-After", Long.toString(seconds)), NO_STORE),
                Body.TOO_MANY_REQUESTS, log);
    }

    /** 503 with {@code Retry-After}: the store could not be asked, so nothing was decided about the token. */
    public Decision.Refuse unavailable(LogLine log) {
        return unavailable(retryAfter, log);
    }

    /**
     * 503 whose {@code Retry-After} is {@code untilProbe} (the store's circuit breaker is open),
     * rounded up to whole seconds, at least one and at most a day.
     */
    public Decision.Refuse unavailable(Duration untilProbe, LogLine log) {
        long seconds = untilProbe.getSeconds() + (untilProbe.getNano() > 0 ? 1 : 0);
        return unavailable(Long.toString(Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds))), log);
    }

    private static Decision.Refuse unavailable(String seconds, LogLine log) {
        return new Decision.Refuse(503, List.of(new Header("Retry-After", seconds), NO_STORE), Body.UNAVAILABLE, log);
    }
}
