package dev.pat4j.notice;

/**
 * Where a notice is in the outbox. A notice is {@link #PENDING} from when it is raised until its
 * first delivery attempt ends, {@link #FAILED} after an attempt that some sender did not finish
 * (it is tried again at its next attempt time, with backoff), and {@link #DELIVERED} once every
 * sender that sends its kind returned normally; a delivered notice is never claimed again. A
 * notice being delivered keeps its state and carries a lease ({@link OutboxEntry#leaseOwner()}). Immutable.
 */
public enum NoticeState {
    /** Raised, not attempted yet (or its first attempt is under way). */
    PENDING,
    /** An attempt failed; it is retried at {@link OutboxEntry#nextAttemptAt()}. */
    FAILED,
    /** Every sender that sends its kind delivered it. */
    DELIVERED
}
