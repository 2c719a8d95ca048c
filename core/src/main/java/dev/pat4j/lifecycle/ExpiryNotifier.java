package dev.pat4j.lifecycle;

import java.util.List;

/**
 * Raises the expiry notices that the schedule ({@link dev.pat4j.Pat4j.Builder#expirySchedule},
 * seven days before expiry by default) makes due, and fires the "expiring soon" event for each.
 * On a store with an outbox ({@link dev.pat4j.store.NoticeOutbox}) each notice is put there, to
 * be delivered by the application's senders ({@link dev.pat4j.notice.Notices#deliverDue()});
 * {@link dev.pat4j.notice.Notices#raiseExpiring()} is the same run. The application schedules
 * {@link #run()}; several nodes may run it against one store at once and each notice is still
 * raised exactly once. Implementations are thread-safe: several threads, or several nodes on
 * one store, may run it at once.
 */
public interface ExpiryNotifier {
    /**
     * Raises every expiry notice newly due and returns the tokens announced as expiring (an
     * expired notice, where the schedule has one, is raised but not returned).
     */
    List<TokenInfo> run();
}
