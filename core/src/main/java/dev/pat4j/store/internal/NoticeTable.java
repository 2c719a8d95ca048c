package dev.pat4j.store.internal;

import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The in-memory store's outbox: every notice by key, with the undelivered ones apart so that a
 * claim looks at what may still be claimed, not at the outbox's whole history. A claim sorts
 * the due ones, so it costs the undelivered notices, which the delivery loop keeps few.
 *
 * <p>Not thread-safe: the in-memory store calls it under its write lock (its read lock for
 * {@link #list} and {@link #count}).
 */
public final class NoticeTable {
    private static final Comparator<OutboxEntry> DUE_ORDER = Comparator.comparing(OutboxEntry::nextAttemptAt)
            .thenComparing(e -> e.notice().key());
    private static final Comparator<OutboxEntry> LISTING_ORDER = Comparator
            .comparing((OutboxEntry e) -> e.notice().raisedAt()).reversed().thenComparing(e -> e.notice().key());

    private final Map<String, OutboxEntry> undelivered = new HashMap<>();
    private final Map<String, OutboxEntry> delivered = new HashMap<>();

    /** Whether a notice with this key is held, in any state. */
    public boolean contains(String key) {
        return undelivered.containsKey(key) || delivered.containsKey(key);
    }

    /** Adds the notice as pending unless its key is held; true if added. */
    public boolean enqueue(OutboxNotice notice) {
        if (contains(notice.key())) {
            return false;
        }
        undelivered.put(notice.key(), OutboxEntry.pending(notice));
        return true;
    }

    public List<OutboxEntry> claimDue(Instant now, String owner, Instant until, int limit) {
        List<OutboxEntry> due = new ArrayList<>();
        for (OutboxEntry e : undelivered.values()) {
            if (e.claimableAt(now)) {
                due.add(e);
            }
        }
        due.sort(DUE_ORDER);
        List<OutboxEntry> claimed = new ArrayList<>();
        for (OutboxEntry e : due.subList(0, Math.min(limit, due.size()))) {
            OutboxEntry mine = e.claimed(owner, until);
            undelivered.put(mine.notice().key(), mine);
            claimed.add(mine);
        }
        return claimed;
    }

    public boolean markDelivered(String key, Set<String> senders, Instant at) {
        OutboxEntry e = undelivered.remove(key);
        if (e == null) {
            return false;
        }
        delivered.put(key, e.delivered(senders, at));
        return true;
    }

    public boolean markFailed(String key, String owner, Set<String> senders, Instant next, String error) {
        OutboxEntry e = undelivered.get(key);
        if (e == null || !owner.equals(e.leaseOwner())) {
            return false;
        }
        undelivered.put(key, e.failed(senders, next, error));
        return true;
    }

    public List<OutboxEntry> list(NoticeState state, int limit) {
        Map<String, OutboxEntry> source = state == NoticeState.DELIVERED ? delivered : undelivered;
        return source.values().stream().filter(e -> e.state() == state).sorted(LISTING_ORDER).limit(limit).toList();
    }

    /** How many notices are in {@code state}. */
    public long count(NoticeState state) {
        Map<String, OutboxEntry> source = state == NoticeState.DELIVERED ? delivered : undelivered;
        return source.values().stream().filter(e -> e.state() == state).count();
    }
}
