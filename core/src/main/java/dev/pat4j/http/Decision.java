package dev.pat4j.http;

import dev.pat4j.validation.TokenPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RequestGate} decided for one request; the adapter only translates it. Immutable.
 *
 * <ul>
 * <li>{@link Proceed}: hand the request on, with the token's principal or anonymously;</li>
 * <li>{@link PassOn}: hand it on unauthenticated, for the next mechanism to judge (a foreign
 * credential under {@link ForeignCredentials#PASS_ON});</li>
 * <li>{@link Refuse}: answer with this status, these headers and this fixed body.</li>
 * </ul>
 * Each says what to log ({@link #log()}).
 */
public sealed interface Decision permits Decision.Proceed, Decision.PassOn, Decision.Refuse {

    /** The log line of this decision. */
    LogLine log();

    /**
     * Go on. {@code principal} is the token's, or null for an anonymous request (an anonymous
     * path without a credential).
     */
    record Proceed(@Nullable TokenPrincipal principal, LogLine log) implements Decision {
        public Proceed {
            Objects.requireNonNull(log, "log");
        }

        /** Whether the request goes on without a principal. */
        public boolean anonymous() {
            return principal == null;
        }
    }

    /** Go on unauthenticated: the credential is not pat4j's, and the next mechanism judges it. */
    record PassOn(LogLine log) implements Decision {
        public PassOn {
            Objects.requireNonNull(log, "log");
        }
    }

    /**
     * Answer now: {@code status}, then {@code headers} in order (a name may repeat, as
     * {@code WWW-Authenticate} does), then {@code body} with content type {@link Body#CONTENT_TYPE}.
     */
    record Refuse(int status, List<Header> headers, Body body, LogLine log) implements Decision {
        public Refuse {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(log, "log");
        }

        /** The values of header {@code name} (case-insensitive), in order. */
        public List<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }
    }

    /** One response header. */
    record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The fixed bodies: one per status, so a client can never tell which check failed. Each is
     * its status line, e.g. {@code 401 Unauthorized} and a new line.
     */
    enum Body {
        BAD_REQUEST("400 Bad Request"),
        UNAUTHORIZED("401 Unauthorized"),
        FORBIDDEN("403 Forbidden"),
        TOO_MANY_REQUESTS("429 Too Many Requests"),
        UNAVAILABLE("503 Service Unavailable");

        /** The content type of every body. */
        public static final String CONTENT_TYPE = "text/plain;charset=UTF-8";

        private final String text;

        Body(String statusLine) {
            this.text = statusLine + "\n";
        }

        /** The body text. */
        public String text() {
            return text;
        }

        /** The body as the bytes to send. */
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
