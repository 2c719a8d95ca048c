package dev.pat4j.store;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import dev.pat4j.store.internal.ChangeLog;
import dev.pat4j.store.internal.ExpiryIndex;
import dev.pat4j.store.internal.NoticeTable;
import dev.pat4j.store.internal.OwnerIndex;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import java.util.function.Consumer;

/**
 * A {@link TokenStore} in this JVM's memory: for tests, demos and single-node applications that
 * accept losing their tokens on restart. Several {@link dev.pat4j.Pat4j} instances may share
 * one, like nodes sharing a database. Offers the {@link ChangeAnnouncer}, {@link TokenPaging},
 * {@link LiveTokenIds} and {@link NoticeOutbox} capabilities. Thread-safe.
 *
 * <p>Indexed by owner and by expiry, so creating a token (which counts the owner's active
 * ones), listing an owner's tokens and listing expiring tokens cost what the owner's or the
 * expiring tokens cost, not the size of the store. A page of an owner's tokens
 * ({@link #findPage}) filters and sorts that owner's tokens, in memory, without a copy of the
 * store's others.
 *
 * <h2>Concurrency</h2>
 * Three views of one state: the map by id, the two indexes, and the change feed.
 * <ul>
 * <li>Every write (insert, update, expiry-notice claim, last-used batch, change announcement, and
 * every outbox call but {@link #list}) holds the write lock and makes all of its changes to the
 * map, both indexes, the change feed (which inserts, updates and announcements append to) and the
 * outbox before releasing it; so a token and the notice of its change appear together.
 * Writes are therefore atomic and totally ordered, and the feed lists updates in the order they
 * committed.</li>
 * <li>{@link #find} reads the map alone, without any lock: it is the validator's hot path. The
 * map is a {@link ConcurrentHashMap} written only by lock holders, so a find sees each token
 * either before or after a write, never half-written.</li>
 * <li>Index queries ({@link #findByOwner}, {@link #findExpiring}, {@link #countActive}) and
 * feed reads hold the read lock and never consult the map: the indexes hold the tokens' current
 * values themselves. So no query can meet a token that is in an index but not (yet, or any
 * more) in the map, or a position in an index that disagrees with the value found there: a
 * query sees the state between two writes, exactly. Lock-free index reads over concurrent
 * sorted sets would not give that: a reader walking the expiry index while an extend moves a
 * token from one position to another can pass the new position before it is filled and reach
 * the old one after it is emptied, and list the token nowhere though it was in the window
 * before and after.</li>
 * <li>A find and an index query agree in real-time order: a find that saw a write's value did
 * so while the writer held, or after it released, the write lock, so an index query started
 * afterwards acquires the read lock only once that write is complete, and sees it; an index
 * query that saw a write happened after its release, so a later find sees it too.</li>
 * </ul>
 * Change listeners run after the lock is released, so a listener that reads the store cannot
 * deadlock and never delays other writers.
 */
public final class InMemoryTokenStore implements TokenStore, ChangeAnnouncer, TokenPaging, LiveTokenIds,
        NoticeOutbox {
    private static final int MAX_RETAINED_CHANGES = 100_000;

    private final Map<String, StoredToken> tokens = new ConcurrentHashMap<>(); // written under the write lock
    private final OwnerIndex owners = new OwnerIndex();                         // guarded by lock
    private final ExpiryIndex expiries = new ExpiryIndex();                     // guarded by lock
    private final ChangeLog changes = new ChangeLog(MAX_RETAINED_CHANGES);     // guarded by lock
    private final NoticeTable notices = new NoticeTable();                      // guarded by lock
    private final Lock readLock;
    private final Lock writeLock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** An empty store. */
    public InMemoryTokenStore() {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        this.readLock = lock.readLock();
        this.writeLock = lock.writeLock();
    }

    @Override
    public void insert(StoredToken token) {
        writeLock.lock();
        try {
            insertLocked(token);
        } finally {
            writeLock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    /** The insert, under the write lock. */
    private void insertLocked(StoredToken token) {
        if (tokens.putIfAbsent(token.id(), token) != null) {
            throw new DuplicateTokenIdException(token.id());
        }
        owners.put(token);
        expiries.put(token);
        changes.append(token.id()); // other nodes learn of the new id (their filters of live ids)
    }

    @Override
    public Optional<StoredToken> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(tokens.get(id));
    }

    @Override
    public long countLive(Instant now) {
        return tokens.values().stream().filter(t -> isLive(t, now)).count();
    }

    /** Reads the map without a lock, like {@link #find}: a token written meanwhile is passed or not. */
    @Override
    public void forEachLiveId(Instant now, Consumer<String> action) {
        for (StoredToken t : tokens.values()) {
            if (isLive(t, now)) {
                action.accept(t.id());
            }
        }
    }

    private static boolean isLive(StoredToken t, Instant now) {
        return !t.revoked() && t.expiresAt().isAfter(now);
    }

    @Override
    public List<StoredToken> findByOwner(String owner) {
        readLock.lock();
        try {
            return owners.tokensOf(owner);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<StoredToken> findExpiring(Instant from, Instant to) {
        readLock.lock();
        try {
            return expiries.expiring(from, to);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<StoredToken> findPage(String owner, Set<TokenState> states, Instant now, @Nullable String search,
                                      TokenSort sort, @Nullable PagePosition after, int limit) {
        readLock.lock();
        try {
            return owners.page(owner, states, now, search, sort, after, limit);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public int countActive(String owner, Instant now) {
        readLock.lock();
        try {
            return owners.countActive(owner, now);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public boolean update(StoredToken next) {
        writeLock.lock();
        try {
            if (!updateLocked(next)) {
                return false;
            }
        } finally {
            writeLock.unlock();
        }
        listeners.forEach(Runnable::run);
        return true;
    }

    /** The update, under the write lock. */
    private boolean updateLocked(StoredToken next) {
        StoredToken current = tokens.get(next.id());
        if (current == null || current.version() != next.version() - 1) {
            return false;
        }
        replace(current,
                next.withBookkeeping(later(current.lastUsedAt(), next.lastUsedAt()), noticeFlag(current, next)));
        changes.append(next.id());
        return true;
    }

    @Override
    public boolean enqueue(OutboxNotice notice) {
        Objects.requireNonNull(notice, "notice");
        writeLock.lock();
        try {
            return notices.enqueue(notice);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void insertWithNotice(StoredToken token, OutboxNotice notice) {
        Objects.requireNonNull(notice, "notice");
        writeLock.lock();
        try {
            insertLocked(token);
            notices.enqueue(notice);
        } finally {
            writeLock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public boolean updateWithNotice(StoredToken next, OutboxNotice notice) {
        Objects.requireNonNull(notice, "notice");
        writeLock.lock();
        try {
            if (!updateLocked(next)) {
                return false;
            }
            notices.enqueue(notice);
        } finally {
            writeLock.unlock();
        }
        listeners.forEach(Runnable::run);
        return true;
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, String leaseOwner, Instant leaseUntil, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        requireLeaseAfter(now, leaseUntil);
        requirePositive(limit);
        writeLock.lock();
        try {
            return notices.claimDue(now, leaseOwner, leaseUntil, limit);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean markDelivered(String key, Set<String> senders, Instant at) {
        Objects.requireNonNull(at, "at");
        Set<String> copy = Set.copyOf(senders);
        writeLock.lock();
        try {
            return key != null && notices.markDelivered(key, copy, at);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean markFailed(String key, String leaseOwner, Set<String> senders, Instant nextAttemptAt,
                              String error) {
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(error, "error");
        Set<String> copy = Set.copyOf(senders);
        writeLock.lock();
        try {
            return key != null && notices.markFailed(key, leaseOwner, copy, nextAttemptAt, error);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<OutboxEntry> list(NoticeState state, int limit) {
        Objects.requireNonNull(state, "state");
        requirePositive(limit);
        readLock.lock();
        try {
            return notices.list(state, limit);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public long count(NoticeState state) {
        Objects.requireNonNull(state, "state");
        readLock.lock();
        try {
            return notices.count(state);
        } finally {
            readLock.unlock();
        }
    }

    private static void requireLeaseAfter(Instant now, Instant leaseUntil) {
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("a lease ends after it begins");
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    @Override
    public void announceChanges(Collection<String> tokenIds) {
        List<String> ids = List.copyOf(tokenIds); // refuses a null id before anything is appended
        if (ids.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            for (String id : ids) {
                changes.append(id);
            }
        } finally {
            writeLock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public boolean claimExpiryNotice(String id, Instant expiresAt) {
        if (id == null) {
            return false;
        }
        writeLock.lock();
        try {
            StoredToken current = tokens.get(id);
            if (current == null || current.expiryNotified() || !current.expiresAt().equals(expiresAt)) {
                return false;
            }
            replace(current, current.withBookkeeping(current.lastUsedAt(), true));
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            lastUsed.forEach((id, at) -> {
                StoredToken current = tokens.get(id);
                if (current != null) {
                    replace(current, current.withBookkeeping(later(current.lastUsedAt(), at), current.expiryNotified()));
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long changeHead() {
        readLock.lock();
        try {
            return changes.head();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<TokenChange> changesSince(long after, int limit) {
        readLock.lock();
        try {
            return changes.since(after, limit);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public AutoCloseable onChange(Runnable wakeUp) {
        listeners.add(wakeUp);
        return () -> listeners.remove(wakeUp);
    }

    /** Puts {@code next} in place of {@code current} in the map and both indexes; under the write lock. */
    private void replace(StoredToken current, StoredToken next) {
        tokens.put(next.id(), next);
        owners.replace(current, next);
        expiries.replace(current, next);
    }

    /**
     * The notice flag belongs to an expiry and changes without a version bump, so {@code next}
     * may carry a value read before a racing claim: keep the stored flag unless the expiry moves
     * (then take next's, false: re-armed).
     */
    private static boolean noticeFlag(StoredToken current, StoredToken next) {
        return current.expiresAt().equals(next.expiresAt()) ? current.expiryNotified() : next.expiryNotified();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
