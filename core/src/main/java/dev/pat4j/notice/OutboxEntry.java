package dev.pat4j.notice;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A notice in the outbox with its delivery state, as a store's {@code NoticeOutbox} keeps it and
 * {@link Notices#list} shows it to operators. Immutable.
 *
 * @param notice the notice
 * @param state where it is
 * @param attempts how many delivery attempts have begun (claims), 0 before the first
 * @param nextAttemptAt from when it may be claimed (again); for a delivered notice, when it was raised
 * @param leaseOwner the node delivering it now, or null; a lease past {@code leaseUntil} no longer holds
 * @param leaseUntil until when the lease holds, or null
 * @param deliveredTo the senders ({@link NotificationSender#name()}) that delivered it, sorted
 * @param deliveredAt when it was marked delivered, or null
 * @param lastError what the last failed attempt reported (the exception's type and message,
 *     shortened), or null
 */
public record OutboxEntry(OutboxNotice notice, NoticeState state, int attempts, Instant nextAttemptAt,
                          @Nullable String leaseOwner, @Nullable Instant leaseUntil, Set<String> deliveredTo,
                          @Nullable Instant deliveredAt, @Nullable String lastError) {
    /** The longest error text kept; longer ones are cut. */
    public static final int MAX_ERROR_LENGTH = 500;

    public OutboxEntry {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
        if ((leaseOwner == null) != (leaseUntil == null)) {
            throw new IllegalArgumentException("a lease has an owner and an end, or neither");
        }
        deliveredTo = Collections.unmodifiableSet(new TreeSet<>(deliveredTo));
        lastError = lastError == null || lastError.length() <= MAX_ERROR_LENGTH ? lastError
                : lastError.substring(0, MAX_ERROR_LENGTH);
    }

    /** A notice just raised: pending, never attempted, due at once. */
    public static OutboxEntry pending(OutboxNotice notice) {
        return new OutboxEntry(notice, NoticeState.PENDING, 0, notice.raisedAt(), null, null, Set.of(), null, null);
    }

    /** Whether it may be claimed at {@code now}: not delivered, due, and not leased (or the lease ran out). */
    public boolean claimableAt(Instant now) {
        return state != NoticeState.DELIVERED && !nextAttemptAt.isAfter(now)
                && (leaseUntil == null || !leaseUntil.isAfter(now));
    }

    /** This entry claimed by {@code owner} until {@code until}: one more attempt. */
    public OutboxEntry claimed(String owner, Instant until) {
        return new OutboxEntry(notice, state, attempts + 1, nextAttemptAt, owner, until, deliveredTo, deliveredAt,
                lastError);
    }

    /** This entry delivered to {@code senders} at {@code at}, its lease released. */
    public OutboxEntry delivered(Set<String> senders, Instant at) {
        return new OutboxEntry(notice, NoticeState.DELIVERED, attempts, nextAttemptAt, null, null, senders, at,
                lastError);
    }

    /** This entry failed, delivered so far to {@code senders}, due again at {@code next}, its lease released. */
    public OutboxEntry failed(Set<String> senders, Instant next, String error) {
        return new OutboxEntry(notice, NoticeState.FAILED, attempts, next, null, null, senders, null, error);
    }

    /** The sorted sender names as one text, comma-separated ({@code ""} for none), as SQL stores keep them. */
    public static String joinSenders(Set<String> senders) {
        return String.join(",", new TreeSet<>(senders));
    }

    /** The inverse of {@link #joinSenders}. */
    public static Set<String> splitSenders(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        return Set.of(text.split(","));
    }
}
