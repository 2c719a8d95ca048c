package dev.pat4j.notice;

import java.util.regex.Pattern;

/**
 * What a notice is about. Kinds are open: the constants are the ones pat4j raises itself, and
 * later features (or an application) add kinds by name, so a sender should treat a kind it does
 * not know as one it need not send. A name is lower case letters, digits and hyphens, starting
 * with a letter, at most 40 characters, and is stable: it is stored with each notice and is part
 * of its idempotency key. Immutable.
 */
public record NoticeKind(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** A token was created (the seed's first notification). */
    public static final NoticeKind CREATED = new NoticeKind("created");
    /** A token will expire within a threshold of the expiry schedule (seven days by default). */
    public static final NoticeKind EXPIRING = new NoticeKind("expiring");
    /** A token has expired. */
    public static final NoticeKind EXPIRED = new NoticeKind("expired");
    /** An administrator revoked a token of someone else's. */
    public static final NoticeKind REVOKED_BY_ADMINISTRATOR = new NoticeKind("revoked-by-administrator");
    /** A token was found where it should not be and revoked. */
    public static final NoticeKind LEAKED = new NoticeKind("leaked");

    /** @throws IllegalArgumentException if the name is not a valid kind name */
    public NoticeKind {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a notice kind is [a-z][a-z0-9-]{0,39}, not \"" + name + "\"");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
