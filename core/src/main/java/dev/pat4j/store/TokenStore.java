package dev.pat4j.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where tokens live: the service provider interface behind {@link dev.pat4j.Pat4j}.
 * Implementations are thread-safe, make each call atomic, throw
 * {@link StoreUnavailableException} when they cannot answer, and keep a change feed that
 * validators on every node follow to invalidate their caches. The contract is pinned down by
 * the reusable {@code dev.pat4j.testkit.TokenStoreContract} suite in {@code pat4j-testkit}.
 *
 * <p><b>How the SPI grows.</b> This interface gains no new abstract methods. What later
 * features need from a store (paging, a notification outbox, an audit trail) comes as an
 * optional <em>capability</em>: an interface of its own beside this one, which a store
 * implements when it can. pat4j asks for one with {@link #capability(Class)} and, where a store
 * lacks it, either does without or refuses the feature with a message naming the capability.
 * So a third-party store written against this version keeps compiling and running; it only
 * implements a capability, and runs that capability's part of the contract suite, to offer
 * the feature. The first is {@link ChangeAnnouncer} (change-feed entries for tokens whose
 * owner's rights changed), which pat4j does without by updating the tokens instead.
 * Others: {@link TokenPaging}, {@link LiveTokenIds}, {@link SettingsFingerprintStore} and
 * {@link NoticeOutbox} (the outbox of notices to owners).
 */
public interface TokenStore {

    /** Stores a new token. @throws DuplicateTokenIdException if the id is taken */
    void insert(StoredToken token);

    /** The token with this id. */
    Optional<StoredToken> find(String id);

    /** Every token of an owner, newest first. */
    List<StoredToken> findByOwner(String owner);

    /** Tokens not revoked whose expiry is after {@code from} and at or before {@code to}, soonest first. */
    List<StoredToken> findExpiring(Instant from, Instant to);

    /** How many tokens of an owner are neither revoked nor expired at {@code now}. */
    int countActive(String owner, Instant now);

    /**
     * Replaces a token if nobody changed it since it was read: {@code next.version()} must be the
     * stored version plus one. Appends the id to the change feed in the same atomic step.
     * Bookkeeping fields change without a version bump, so {@code next} may hold stale values of
     * them: the last-used time never moves backwards, and the expiry-notice flag keeps its
     * stored value unless {@code next} moves the expiry (then it takes next's value).
     *
     * @return false if the stored version was not {@code next.version() - 1} (or the id is gone)
     */
    boolean update(StoredToken next);

    /**
     * Claims the expiry notice of a token for the expiry the caller read: sets its flag if it
     * was not set and the token still expires at {@code expiresAt}. Tying the claim to the
     * expiry keeps a notifier that raced an extend from announcing the old date.
     *
     * <p>pat4j calls it only on a store without the {@link NoticeOutbox} capability, where the
     * flag is all there is to fire the expiring-soon event once per token; a store with an outbox
     * keeps its expiry notices there instead (a claim before delivery would lose a notice whose
     * delivery failed) and only keeps this method working for callers of its own.
     *
     * @return true for exactly one caller per token and expiry, however many race
     */
    boolean claimExpiryNotice(String id, Instant expiresAt);

    /** Records last-used times in one batch; never moves a time backwards; changes no version. */
    void recordLastUsed(Map<String, Instant> lastUsed);

    /** The sequence of the newest change, or 0 if there is none. */
    long changeHead();

    /** Up to {@code limit} changes with a sequence greater than {@code after}, in order. */
    List<TokenChange> changesSince(long after, int limit);

    /**
     * Asks to be woken when changes arrive, for stores that can push (PostgreSQL's
     * LISTEN/NOTIFY); polling {@link #changesSince} remains the guarantee.
     *
     * @return a handle that stops the wake-ups
     */
    default AutoCloseable onChange(Runnable wakeUp) {
        return () -> { };
    }

    /**
     * This store as an optional capability {@code type}, if it offers one (see "How the SPI
     * grows" above). The default answers by the store's own type; a decorator that wraps
     * another store overrides it to say which of the wrapped store's capabilities it passes
     * on, since an {@code instanceof} check on the decorator would hide them.
     *
     * @return the capability, or empty if this store does not offer it
     */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
