package dev.pat4j.mail;

/**
 * How the SMTP connection is protected. The default is {@link #STARTTLS} when credentials are
 * set (a password never crosses the network in clear: {@link #NONE} and {@link #OPPORTUNISTIC}
 * are refused with credentials) and {@link #OPPORTUNISTIC} without them. Server certificates are
 * checked against the JVM's trust store (or the builder's {@code sslContext}) and the host name.
 */
public enum TlsMode {
    /** Plain SMTP, never TLS: for a relay on the same host or network only. Port 25 by default. */
    NONE,
    /** STARTTLS when the server offers it, plain otherwise. Port 25 by default. */
    OPPORTUNISTIC,
    /** STARTTLS, required: the mail is not sent if the server does not offer it. Port 587 by default. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, "implicit TLS"). Port 465 by default. */
    SMTPS;

    int defaultPort() {
        return switch (this) {
            case NONE, OPPORTUNISTIC -> 25;
            case STARTTLS -> 587;
            case SMTPS -> 465;
        };
    }
}
