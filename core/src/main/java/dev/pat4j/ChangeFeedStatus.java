package dev.pat4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How far this node follows its store's change feed ({@link Pat4j#changeFeed()}): the feed is how
 * a revocation on another node reaches this node's validation cache, so a node that stopped
 * reading it honours revocations only when cached tokens reach their TTL. Immutable.
 *
 * @param position the sequence of the last change this node has applied to its cache, or -1
 *     while it does not know where the feed stands (the store was down when pat4j was built)
 * @param lastReadAt when this node last read the feed successfully (a poll, or learning its head
 *     at start-up), or null if it never has
 * @param failing whether the last attempt to read the feed failed
 */
public record ChangeFeedStatus(long position, @Nullable Instant lastReadAt, boolean failing) {
    public ChangeFeedStatus {
        if (position < -1) {
            throw new IllegalArgumentException("position is -1 or a sequence");
        }
    }

    /**
     * How many sequence numbers the store's {@code head} ({@link dev.pat4j.store.TokenStore#changeHead()},
     * read by the caller) is ahead of this node: 0 when it is up to date. Sequences may have gaps,
     * so this bounds the changes not yet applied from above. Empty while the position is unknown.
     */
    public OptionalLong behind(long head) {
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(0, head - position));
    }

    /** How long ago the feed was last read successfully at {@code now}; empty if it never was. */
    public Optional<Duration> sinceLastRead(Instant now) {
        Objects.requireNonNull(now, "now");
        if (lastReadAt == null) {
            return Optional.empty();
        }
        Duration d = Duration.between(lastReadAt, now);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }
}
