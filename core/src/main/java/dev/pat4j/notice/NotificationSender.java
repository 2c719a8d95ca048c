package dev.pat4j.notice;

/**
 * Delivers notices through one channel (mail, a webhook, the console). pat4j's outbox hands
 * each notice to each registered sender until that sender returns normally, then marks it
 * delivered for that sender; a sender that throws is called again later with backoff, so
 * {@link #send} must be safe to repeat for one {@link Notice#key()}. Implementations are
 * thread-safe: the outbox may deliver several notices at once.
 */
public interface NotificationSender {

    /**
     * The channel's stable name (lower case letters, digits and hyphens, as a
     * {@link NoticeKind}): the outbox records delivery per notice and channel under it, so
     * renaming a channel makes it receive its pending notices as new ones.
     */
    String name();

    /** Whether this channel sends notices of {@code kind}; one that does not is never asked to. */
    default boolean sends(NoticeKind kind) {
        return true;
    }

    /**
     * Delivers one notice, returning only once it is delivered (the mail server accepted it,
     * the webhook answered 2xx).
     *
     * @throws Exception if it was not delivered; the outbox retries it later
     */
    void send(Notice notice) throws Exception;
}
