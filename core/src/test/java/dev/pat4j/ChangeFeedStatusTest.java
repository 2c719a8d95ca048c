package dev.pat4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@link Pat4j#changeFeed()}: where this node stands in its store's change feed, as its follower
 * reads it: caught up after a change, its last successful read kept while the store is down and
 * failing shown, and an unknown position when pat4j was built during an outage.
 */
class ChangeFeedStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());

    private Pat4j.Builder builder() {
        return Fixtures.builder(clock, store).changePollInterval(Duration.ofMillis(20)).breakerFailures(1000);
    }

    @Test
    void theFollowerCatchesUpWithTheHeadAndKeepsItsLastReadWhileTheStoreIsDown() {
        try (Pat4j pat4j = builder().build()) {
            ChangeFeedStatus start = pat4j.changeFeed();
            assertThat(start.position()).isEqualTo(store.changeHead());
            assertThat(start.lastReadAt()).isEqualTo(Fixtures.START);
            assertThat(start.failing()).isFalse();
            assertThat(start.behind(store.changeHead())).hasValue(0);

            IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
            pat4j.tokens().revoke(t.info().id(), Actor.user("alice"));
            long head = store.changeHead();
            assertThat(head).isGreaterThan(start.position());
            assertThat(pat4j.changeFeed().behind(head + 3).orElseThrow()).as("a head further on")
                    .isGreaterThanOrEqualTo(3);
            clock.advance(Duration.ofMinutes(1));
            assertThat(Fixtures.eventually(WAIT, () -> pat4j.changeFeed().position() == head
                    && Fixtures.START.plus(Duration.ofMinutes(1)).equals(pat4j.changeFeed().lastReadAt())))
                    .as("caught up: %s", pat4j.changeFeed()).isTrue();
            assertThat(pat4j.changeFeed().behind(head)).hasValue(0);

            store.setDown(true);
            assertThat(Fixtures.eventually(WAIT, () -> pat4j.changeFeed().failing())).isTrue();
            clock.advance(Duration.ofMinutes(5));
            ChangeFeedStatus down = pat4j.changeFeed();
            assertThat(down.lastReadAt()).as("the last successful read").isEqualTo(Fixtures.START.plusSeconds(60));
            assertThat(down.sinceLastRead(clock.instant())).hasValue(Duration.ofMinutes(5));
            assertThat(down.position()).isEqualTo(head);

            store.setDown(false);
            assertThat(Fixtures.eventually(WAIT, () -> !pat4j.changeFeed().failing())).isTrue();
            assertThat(pat4j.changeFeed().sinceLastRead(clock.instant())).hasValue(Duration.ZERO);
        }
    }

    @Test
    void builtDuringAnOutageThePositionIsUnknownUntilTheFeedIsRead() {
        store.setDown(true);
        try (Pat4j pat4j = builder().build()) {
            ChangeFeedStatus unknown = pat4j.changeFeed();
            assertThat(unknown.position()).isEqualTo(-1);
            assertThat(unknown.lastReadAt()).isNull();
            assertThat(unknown.failing()).isTrue();
            assertThat(unknown.behind(42)).isEqualTo(OptionalLong.empty());
            assertThat(unknown.sinceLastRead(clock.instant())).isEmpty();

            store.setDown(false);
            assertThat(Fixtures.eventually(WAIT, () -> pat4j.changeFeed().position() == store.changeHead()
                    && !pat4j.changeFeed().failing())).isTrue();
            assertThat(pat4j.changeFeed().lastReadAt()).isEqualTo(Fixtures.START);
        }
    }
}
