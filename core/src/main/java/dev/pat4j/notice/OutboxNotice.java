package dev.pat4j.notice;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A notice as the outbox keeps it: what it is about, without its delivery state (that is
 * {@link OutboxEntry}). Raised by pat4j, in the store operation of the change that causes it or
 * by the expiry schedule; never holds a secret. Immutable.
 *
 * <h2>The idempotency key</h2>
 * {@link #key()} identifies the notice in the outbox (enqueueing a second notice with the same
 * key adds nothing) and reaches every sender as {@link Notice#key()}. It is built from the
 * notice's identity, so every node computes the same key for the same notice:
 * <ul>
 * <li>{@code <token id>:<kind>} for a notice raised once per token (created, revoked by an
 *     administrator, leaked);</li>
 * <li>{@code <token id>:expiring:<threshold>:<expiry>} for an expiry threshold, where the
 *     threshold is whole days ({@code 7d}), else seconds ({@code 3600s}) or milliseconds, and the expiry is the
 *     expiry announced, in milliseconds since the epoch: a token that is extended gets its
 *     thresholds again for its new expiry;</li>
 * <li>{@code <token id>:expired:<expiry>} for the notice that a token has expired.</li>
 * </ul>
 * Token ids hold no {@code :}, so keys of different notices never collide.
 *
 * @param key the idempotency key, as above
 * @param kind what the notice is about
 * @param tokenId the token it is about
 * @param threshold for {@link NoticeKind#EXPIRING}, the threshold of the schedule; else null
 * @param actor who caused it (the administrator who revoked the token), or null
 * @param detail a fact of the kind (where a leaked token was found), or null
 * @param raisedAt when it was raised
 */
public record OutboxNotice(String key, NoticeKind kind, String tokenId, @Nullable Duration threshold,
                           @Nullable String actor, @Nullable String detail, Instant raisedAt) {
    /** The longest key a store must keep. */
    public static final int MAX_KEY_LENGTH = 200;

    public OutboxNotice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(raisedAt, "raisedAt");
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a notice key is 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (tokenId.isBlank() || tokenId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a notice names a token id without ':'");
        }
        if (threshold != null && threshold.isNegative()) {
            throw new IllegalArgumentException("a threshold is zero or positive");
        }
    }

    /** A notice raised once per token, such as {@link NoticeKind#CREATED}: key {@code <token id>:<kind>}. */
    public static OutboxNotice of(NoticeKind kind, String tokenId, @Nullable String actor, @Nullable String detail,
                                  Instant raisedAt) {
        return new OutboxNotice(tokenId + ":" + kind.name(), kind, tokenId, null, actor, detail, raisedAt);
    }

    /** The notice that {@code tokenId} expires at {@code expiresAt}, within {@code threshold}. */
    public static OutboxNotice expiring(String tokenId, Duration threshold, Instant expiresAt, Instant raisedAt) {
        return new OutboxNotice(tokenId + ":" + NoticeKind.EXPIRING.name() + ":" + thresholdText(threshold) + ":"
                + expiresAt.toEpochMilli(), NoticeKind.EXPIRING, tokenId, threshold, null, null, raisedAt);
    }

    /** The notice that {@code tokenId} expired at {@code expiresAt}. */
    public static OutboxNotice expired(String tokenId, Instant expiresAt, Instant raisedAt) {
        return new OutboxNotice(tokenId + ":" + NoticeKind.EXPIRED.name() + ":" + expiresAt.toEpochMilli(),
                NoticeKind.EXPIRED, tokenId, null, null, null, raisedAt);
    }

    /**
     * A threshold as keys write it: whole days as {@code 7d}, else whole seconds as
     * {@code 3600s}, else milliseconds ({@code 1500ms}; what is finer is dropped).
     */
    public static String thresholdText(Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("a threshold is zero or positive");
        }
        if (Duration.ofDays(threshold.toDays()).equals(threshold)) {
            return threshold.toDays() + "d";
        }
        if (Duration.ofSeconds(threshold.toSeconds()).equals(threshold)) {
            return threshold.toSeconds() + "s";
        }
        return threshold.toMillis() + "ms";
    }
}
