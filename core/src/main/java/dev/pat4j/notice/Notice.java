package dev.pat4j.notice;

import dev.pat4j.lifecycle.TokenInfo;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notice to a token's owner, as a {@link NotificationSender} receives it. Never carries the
 * secret or the full token: {@link #token()} is what can be known without it. Immutable.
 *
 * @param key the stable idempotency key (token, kind, threshold): the same for every attempt to
 *     deliver this notice, on every node, so a receiver can drop a repeat (a webhook's
 *     {@code webhook-id}, say)
 * @param kind what the notice is about
 * @param token the token as it is when the notice is delivered
 * @param threshold for {@link NoticeKind#EXPIRING}, the threshold of the schedule that was
 *     crossed (seven days before expiry, say); null for other kinds
 * @param actor who caused the notice (the administrator who revoked the token, say), or null
 * @param detail a fact of the kind (where a leaked token was found, say), or null
 * @param raisedAt when the change that caused the notice happened
 * @param attempt 1 for the first attempt to deliver it through this sender, then 2, 3, …
 */
public record Notice(String key, NoticeKind kind, TokenInfo token, @Nullable Duration threshold,
                     @Nullable String actor, @Nullable String detail, Instant raisedAt, int attempt) {

    public Notice {
        if (key.isBlank()) {
            throw new IllegalArgumentException("a notice needs an idempotency key");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + attempt);
        }
    }
}
