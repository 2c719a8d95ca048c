package dev.pat4j.notice;

/**
 * The notices the outbox still has to deliver, counted now ({@link Notices#backlog()}): what a
 * health check or a meter shows so that operators see notices pile up (no sender registered, a
 * mail server down). Immutable.
 *
 * @param pending notices raised and not yet through a first attempt ({@link NoticeState#PENDING}),
 *     the ones being attempted included
 * @param failed notices some sender did not deliver, waiting for their retry ({@link NoticeState#FAILED})
 */
public record NoticeBacklog(long pending, long failed) {
    /** An outbox that holds nothing to deliver, or none at all. */
    public static final NoticeBacklog NONE = new NoticeBacklog(0, 0);

    public NoticeBacklog {
        if (pending < 0 || failed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** Every notice not delivered yet. */
    public long undelivered() {
        return pending + failed;
    }
}
