package dev.pat4j.internal;

import dev.pat4j.event.TokenEvent;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.OutboxNotice;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the expiry notices that the schedule makes due into the outbox. Enqueueing is idempotent by
 * key (token, threshold, expiry), so several nodes running it at once raise each notice once; only
 * the node whose enqueue added a notice fires the expiring-soon event for it. Thread-safe.
 *
 * <p>A token expiring within the schedule gets the notice of the shortest threshold it is within
 * ({@link ExpirySchedule#tightestCovering}). With zero in the schedule, a token that expired
 * within the last {@link #EXPIRED_LOOKBACK} (and was not revoked) gets the notice that it
 * expired; one that expired before that gets none, so that the first run on an old store does
 * not announce every token that ever expired.
 */
public final class ExpiryNoticeRaiser {
    /** How far back the expired notice looks. */
    public static final Duration EXPIRED_LOOKBACK = Duration.ofDays(1);

    private final TokenStore store;
    private final NoticeOutbox outbox;
    private final Clock clock;
    private final ExpirySchedule schedule;
    private final TokenViews views;
    private final EventDispatcher events;

    public ExpiryNoticeRaiser(TokenStore store, NoticeOutbox outbox, Clock clock, ExpirySchedule schedule,
                              TokenViews views, EventDispatcher events) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.schedule = schedule;
        this.views = views;
        this.events = events;
    }

    /** A notice this run added, with the token as it was read. */
    public record Raised(OutboxNotice notice, TokenInfo token) {
    }

    /** Raises every notice due now that no run raised before; returns those this run added. */
    public List<Raised> raise() {
        Instant now = clock.instant();
        List<Raised> raised = new ArrayList<>();
        Optional<Duration> widest = schedule.widest();
        if (widest.isPresent()) {
            for (StoredToken t : store.findExpiring(now, plus(now, widest.get()))) {
                Optional<Duration> threshold = schedule.tightestCovering(Duration.between(now, t.expiresAt()));
                if (threshold.isPresent()) {
                    enqueue(OutboxNotice.expiring(t.id(), threshold.get(), t.expiresAt(), now), t, now, raised);
                }
            }
        }
        if (schedule.includesExpiry()) {
            for (StoredToken t : store.findExpiring(now.minus(EXPIRED_LOOKBACK), now)) {
                enqueue(OutboxNotice.expired(t.id(), t.expiresAt(), now), t, now, raised);
            }
        }
        return raised;
    }

    private void enqueue(OutboxNotice notice, StoredToken t, Instant now, List<Raised> raised) {
        if (!outbox.enqueue(notice)) {
            return;
        }
        TokenInfo info = views.info(t, now);
        raised.add(new Raised(notice, info));
        if (notice.kind().equals(NoticeKind.EXPIRING)) {
            events.dispatch(new TokenEvent.ExpiringSoon(info, now));
        }
    }

    private static Instant plus(Instant now, Duration window) {
        return SaturatingTime.plus(now, window);
    }
}
