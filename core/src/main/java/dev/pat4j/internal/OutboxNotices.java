package dev.pat4j.internal;

import dev.pat4j.lifecycle.ExpiryNotifier;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.NoticeBacklog;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.Notices;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.store.NoticeOutbox;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Notices} over the store's outbox: raising through the expiry notifier, delivery through
 * {@link NoticeDelivery}, listing straight from the outbox. Without an outbox it raises events
 * only and has nothing to deliver or list.
 */
public final class OutboxNotices implements Notices {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxNotices.class);
    private static final int MAX_LIST = 1000;

    private final @Nullable NoticeOutbox outbox;
    private final @Nullable ExpiryNoticeRaiser raiser;
    private final ExpiryNotifier withoutOutbox;
    private final @Nullable NoticeDelivery delivery;
    private final List<String> senders;

    /**
     * @param outbox the store's outbox, or null when it has none
     * @param raiser what raises expiry notices into the outbox, or null when there is none
     * @param withoutOutbox the event-only notifier, used when there is no outbox
     * @param delivery the delivery loop, or null when there is no outbox
     * @param senders the registered senders' names
     */
    public OutboxNotices(@Nullable NoticeOutbox outbox, @Nullable ExpiryNoticeRaiser raiser,
                         ExpiryNotifier withoutOutbox, @Nullable NoticeDelivery delivery, List<String> senders) {
        this.outbox = outbox;
        this.raiser = raiser;
        this.withoutOutbox = withoutOutbox;
        this.delivery = delivery;
        this.senders = List.copyOf(senders);
    }

    @Override
    public boolean outboxAvailable() {
        return outbox != null;
    }

    @Override
    public List<String> senders() {
        return senders;
    }

    @Override
    public int raiseExpiring() {
        return raiser != null ? raiser.raise().size() : withoutOutbox.run().size();
    }

    @Override
    public DeliveryReport deliverDue() {
        return delivery == null ? DeliveryReport.NONE : delivery.deliverDue();
    }

    @Override
    public List<OutboxEntry> list(NoticeState state, int limit) {
        Objects.requireNonNull(state, "state");
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIST + ", was " + limit);
        }
        return outbox == null ? List.of() : outbox.list(state, limit);
    }

    @Override
    public NoticeBacklog backlog() {
        return outbox == null ? NoticeBacklog.NONE
                : new NoticeBacklog(outbox.count(NoticeState.PENDING), outbox.count(NoticeState.FAILED));
    }

    @Override
    public AutoCloseable start(ScheduledExecutorService executor, Duration raiseEvery, Duration deliverEvery) {
        Objects.requireNonNull(executor, "executor");
        long raise = positiveMillis("raiseEvery", raiseEvery);
        long deliver = positiveMillis("deliverEvery", deliverEvery);
        ScheduledFuture<?> raising = executor.scheduleWithFixedDelay(() -> logged("raising expiry notices",
                this::raiseExpiring), 0, raise, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> delivering = executor.scheduleWithFixedDelay(() -> logged("delivering notices",
                this::deliverDue), 0, deliver, TimeUnit.MILLISECONDS);
        return () -> {
            raising.cancel(false);
            delivering.cancel(false);
        };
    }

    /** A scheduled run that throws would cancel its schedule: log and go on instead. */
    private static void logged(String what, Runnable run) {
        try {
            run.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed; the next run is scheduled: {}", what, e.getMessage());
        }
    }

    private static long positiveMillis(String what, Duration d) {
        if (d == null || d.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least a millisecond");
        }
        return d.toMillis();
    }
}
