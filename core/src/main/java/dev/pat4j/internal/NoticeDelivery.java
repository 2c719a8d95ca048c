package dev.pat4j.internal;

import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop: claims a batch of due notices under this node's lease, hands each to the
 * senders that send its kind and have not delivered it yet, and marks it delivered once they all
 * succeeded, or failed with the next attempt time of its backoff. A claim is released only by
 * one of those marks: a node that dies in between leaves a lease that runs out, after which any
 * claim takes the notice again. Thread-safe (two runs at once claim different notices).
 */
public final class NoticeDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeDelivery.class);
    /** At most this many batches per run, so a run ends even if notices keep becoming due. */
    private static final int MAX_BATCHES = 100;

    private final NoticeOutbox outbox;
    private final TokenStore store;
    private final List<NotificationSender> senders;
    private final TokenViews views;
    private final Clock clock;
    private final String leaseOwner;
    private final Duration lease;
    private final NoticeBackoff backoff;
    private final int batchSize;

    public NoticeDelivery(NoticeOutbox outbox, TokenStore store, List<NotificationSender> senders, TokenViews views,
                          Clock clock, String leaseOwner, Duration lease, NoticeBackoff backoff, int batchSize) {
        this.outbox = outbox;
        this.store = store;
        this.senders = List.copyOf(senders);
        this.views = views;
        this.clock = clock;
        this.leaseOwner = leaseOwner;
        this.lease = lease;
        this.backoff = backoff;
        this.batchSize = batchSize;
    }

    /** Delivers what is due, batch after batch; claims nothing without a sender. */
    public DeliveryReport deliverDue() {
        if (senders.isEmpty()) {
            return DeliveryReport.NONE;
        }
        int delivered = 0;
        int failed = 0;
        for (int batch = 0; batch < MAX_BATCHES && !Thread.currentThread().isInterrupted(); batch++) {
            Instant now = clock.instant();
            List<OutboxEntry> claimed = outbox.claimDue(now, leaseOwner, now.plus(lease), batchSize);
            for (OutboxEntry entry : claimed) {
                if (deliver(entry)) {
                    delivered++;
                } else {
                    failed++;
                }
            }
            if (claimed.size() < batchSize) {
                break;
            }
        }
        return new DeliveryReport(delivered, failed);
    }

    /** One claimed notice through every sender it still needs; true if it ends delivered. */
    private boolean deliver(OutboxEntry entry) {
        OutboxNotice n = entry.notice();
        Optional<StoredToken> token = store.find(n.tokenId());
        if (token.isEmpty()) {
            LOG.warn("notice {} is about a token the store no longer has: dropped", n.key());
            outbox.markDelivered(n.key(), entry.deliveredTo(), clock.instant());
            return true;
        }
        Notice notice = new Notice(n.key(), n.kind(), views.info(token.get(), clock.instant()), n.threshold(),
                n.actor(), n.detail(), n.raisedAt(), entry.attempts());
        Set<String> done = new TreeSet<>(entry.deliveredTo());
        String error = null;
        for (NotificationSender sender : senders) {
            if (done.contains(sender.name())) {
                continue;
            }
            Outcome outcome = send(sender, notice);
            if (outcome.delivered()) {
                done.add(sender.name());
            } else if (outcome.failure() != null && error == null) {
                error = outcome.failure();
            }
        }
        if (error == null) {
            outbox.markDelivered(n.key(), done, clock.instant());
            return true;
        }
        Instant next = backoff.next(clock.instant(), entry.attempts());
        if (!outbox.markFailed(n.key(), leaseOwner, done, next, error)) {
            LOG.info("notice {}: its lease ran out during delivery and another node holds it now", n.key());
        }
        return false;
    }

    /** Sends through one sender if it sends the kind. */
    private Outcome send(NotificationSender sender, Notice notice) {
        try {
            if (!sender.sends(notice.kind())) {
                return Outcome.NOT_ITS_KIND;
            }
            sender.send(notice);
            return Outcome.SENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run ends after this notice; it is retried later
            return new Outcome(false, describe(sender, e));
        } catch (Exception e) {
            String failure = describe(sender, e);
            LOG.warn("notice {} (attempt {}): {}", notice.key(), notice.attempt(), failure);
            return new Outcome(false, failure);
        }
    }

    /** What one sender did with a notice: delivered it, left it (not its kind: no failure), or failed. */
    private record Outcome(boolean delivered, @Nullable String failure) {
        static final Outcome SENT = new Outcome(true, null);
        static final Outcome NOT_ITS_KIND = new Outcome(false, null);
    }

    /** The sender, the exception's type and its first line, without control characters. */
    private static String describe(NotificationSender sender, Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        String text = sender.name() + " failed: " + e.getClass().getName() + message;
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
