package dev.pat4j.store;

import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An optional capability of a {@link TokenStore} (see "How the SPI grows" there): the outbox of
 * notices to token owners. pat4j writes a notice in the same atomic step as the change that
 * causes it ({@link #insertWithNotice}, {@link #updateWithNotice}) or, for expiry thresholds,
 * when its schedule finds one due ({@link #enqueue}); its delivery loop then claims due notices
 * with a lease, hands each to the application's {@link dev.pat4j.notice.NotificationSender}s and
 * marks it delivered only after they succeeded, or failed with a next attempt time. A node that
 * dies mid-delivery loses nothing: its lease runs out and the next claim, on any node, takes the
 * notice again. A store without this capability keeps no notices: pat4j then fires its events
 * only, and refuses to be built with a sender.
 *
 * <p>Implementations are thread-safe, make each call atomic, and keep claims exclusive between
 * every node sharing the store: of two claims at once, at most one gets a given notice while its
 * lease holds. {@code dev.pat4j.testkit.OutboxContract} in {@code pat4j-testkit} checks them.
 */
public interface NoticeOutbox {

    /**
     * Adds {@code notice} as {@link OutboxEntry#pending pending} unless the outbox holds one
     * with its key, whatever that one's state.
     *
     * @return true if it was added; false if its key was there (nothing changed)
     */
    boolean enqueue(OutboxNotice notice);

    /**
     * {@link TokenStore#insert} and {@link #enqueue} in one atomic step: both or neither.
     *
     * @throws DuplicateTokenIdException if the id is taken; no notice is added then
     */
    void insertWithNotice(StoredToken token, OutboxNotice notice);

    /**
     * {@link TokenStore#update} and, if it succeeds, {@link #enqueue} in the same atomic step.
     *
     * @return what {@code update} returns; false means nothing changed, the notice included
     */
    boolean updateWithNotice(StoredToken next, OutboxNotice notice);

    /**
     * Claims up to {@code limit} notices {@linkplain OutboxEntry#claimableAt claimable} at
     * {@code now}, soonest next attempt first: each gets the lease ({@code leaseOwner},
     * {@code leaseUntil}) and one more attempt, and is returned as claimed. While the lease holds
     * no other claim returns it; once {@code now} reaches {@code leaseUntil} any claim may.
     */
    List<OutboxEntry> claimDue(Instant now, String leaseOwner, Instant leaseUntil, int limit);

    /**
     * Marks the notice delivered to {@code senders} at {@code at} and drops its lease, whoever
     * holds the lease (a delivery that succeeded stands, even one whose lease ran out).
     *
     * @return false if there is no such notice or it was already delivered (nothing changed)
     */
    boolean markDelivered(String key, Set<String> senders, Instant at);

    /**
     * Marks the notice failed: delivered so far to {@code senders}, due again at
     * {@code nextAttemptAt}, {@code error} kept for operators, its lease dropped; only while
     * {@code leaseOwner} holds its lease, so a node whose lease ran out and was retaken changes
     * nothing.
     *
     * @return false if the lease is someone else's (or none), the notice was delivered, or it is missing
     */
    boolean markFailed(String key, String leaseOwner, Set<String> senders, Instant nextAttemptAt, String error);

    /**
     * Up to {@code limit} notices in {@code state}, most recently raised first (then by key),
     * for operators.
     */
    List<OutboxEntry> list(NoticeState state, int limit);

    /**
     * How many notices are in {@code state} now: the backlog operators and meters watch
     * ({@link dev.pat4j.notice.Notices#backlog()}). A default method, so stores written before it
     * keep compiling: it lists them all and counts, which a store with many notices overrides
     * with a count of its own.
     */
    default long count(NoticeState state) {
        return list(state, Integer.MAX_VALUE).size();
    }
}
