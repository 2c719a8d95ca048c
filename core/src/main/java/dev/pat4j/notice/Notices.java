package dev.pat4j.notice;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The outbox of notices to token owners, as the application drives it ({@link dev.pat4j.Pat4j#notices()}).
 *
 * <p><b>Delivery guarantee.</b> A notice is written to the store's outbox in the same store
 * operation as the change that causes it (a creation, a revocation by an administrator, a leak),
 * or by {@link #raiseExpiring()} for expiry thresholds, under an idempotency key
 * ({@link OutboxNotice}), so two nodes cannot raise it twice. {@link #deliverDue()} claims due
 * notices with a lease, hands each to every registered {@link NotificationSender} whose
 * {@link NotificationSender#sends sends} says yes, and marks it delivered only after they all
 * returned normally; a sender that threw is called again after a backoff that doubles up to a
 * cap, and the senders that succeeded are not called again. A node that dies, or stalls,
 * mid-delivery loses nothing: once its lease runs out, the next claim on any node takes the
 * notice again. So every notice reaches every sender at least once; it reaches a sender twice
 * only when that sender's success could not be recorded (a lease that ran out during a slow
 * send, a store outage right after it): a sender that must not repeat itself drops a repeated
 * {@link Notice#key()}.
 *
 * <p>Without a sender nothing is consumed: {@link #deliverDue()} claims nothing and notices wait
 * in the outbox, pending. pat4j starts no thread for notices unless asked to: the application
 * calls {@link #raiseExpiring()} and {@link #deliverDue()} on its own schedule, or has them run
 * on its executor with {@link #start}. Thread-safe.
 */
public interface Notices {

    /**
     * Whether the store keeps an outbox ({@link dev.pat4j.store.NoticeOutbox}); without one no
     * notice is kept, only events are fired, and pat4j refuses to be built with a sender.
     */
    boolean outboxAvailable();

    /** The names of the registered senders, in registration order; empty when there is none. */
    List<String> senders();

    /**
     * Raises every expiry notice that the schedule makes due now (see
     * {@link dev.pat4j.Pat4j.Builder#expirySchedule}); several nodes may run it at once and each
     * notice is still raised once. The same run as {@link dev.pat4j.lifecycle.ExpiryNotifier#run()}.
     *
     * @return how many notices this run added, expired ones included
     */
    int raiseExpiring();

    /**
     * Delivers the notices due now, in batches, until none is left due; returns at once, claiming
     * nothing, when no sender is registered. A sender's exception fails that notice (retried
     * later), never this call; a store failure does throw, and what was claimed is retaken once
     * its lease runs out.
     *
     * @throws dev.pat4j.store.StoreUnavailableException if the store cannot be reached
     */
    DeliveryReport deliverDue();

    /**
     * Up to {@code limit} notices in {@code state}, most recently raised first, for operators;
     * empty without an outbox. No notice holds a secret.
     *
     * @throws IllegalArgumentException if {@code limit} is not from 1 to 1000
     */
    List<OutboxEntry> list(NoticeState state, int limit);

    /**
     * How many notices wait for delivery now, pending and failed, counted in the store (one call
     * each, through pat4j's circuit breaker); {@link NoticeBacklog#NONE} without an outbox. For
     * health checks and meters: a backlog that only grows means no sender is registered or one
     * keeps failing.
     *
     * @throws dev.pat4j.store.StoreUnavailableException if the store cannot be reached
     */
    NoticeBacklog backlog();

    /**
     * Runs {@link #raiseExpiring()} on {@code executor} every {@code raiseEvery} and
     * {@link #deliverDue()} every {@code deliverEvery} (first at once), until the returned handle
     * is closed; a failed run is logged and the next one runs as scheduled. The executor is the
     * application's, and so is shutting it down.
     *
     * @throws IllegalArgumentException if a period is not positive
     */
    AutoCloseable start(ScheduledExecutorService executor, Duration raiseEvery, Duration deliverEvery);
}
