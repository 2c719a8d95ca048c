package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rebuild of the filter of live ids reads every live token: through the breaker, so while it
 * holds the store off the rebuild fails at once without a store call, and the probe after the
 * cool-down may be the rebuild itself.
 */
class StoreBreakerLiveIdsTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private final StoreBreaker breaker = new StoreBreaker(store, clock, 2, Duration.ofSeconds(10),
            new Observers(List.of()));

    @Test
    void anOpenBreakerKeepsTheLiveIdPassOffTheStore() {
        LiveTokenIds live = breaker.capability(LiveTokenIds.class).orElseThrow();
        store.setDown(true);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> breaker.find("AAAAAAAAAAAA")).isInstanceOf(RuntimeException.class);
        }
        assertThat(breaker.isOpen()).isTrue();
        store.setDown(false); // the store would answer now: a pass that reached it would succeed

        List<String> ids = new ArrayList<>();
        assertThatThrownBy(() -> live.forEachLiveId(clock.instant(), ids::add))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("circuit open");
        assertThatThrownBy(() -> live.countLive(clock.instant())).isInstanceOf(StoreUnavailableException.class);

        clock.advance(Duration.ofSeconds(11));
        live.forEachLiveId(clock.instant(), ids::add); // the probe, which succeeds
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void failedPassesOpenTheBreakerLikeAnyOtherStoreCall() {
        LiveTokenIds live = breaker.capability(LiveTokenIds.class).orElseThrow();
        store.setDown(true);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> live.forEachLiveId(clock.instant(), id -> { }))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(breaker.isOpen()).isTrue();
    }
}
