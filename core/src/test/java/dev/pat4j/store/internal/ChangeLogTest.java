package dev.pat4j.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.store.TokenChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed's bookkeeping the store contract cannot reach with 100,000 retained changes: dropping old ones. */
class ChangeLogTest {
    @Test
    void anEmptyLogHasHeadZeroAndNoChanges() {
        ChangeLog log = new ChangeLog(3);
        assertThat(log.head()).isZero();
        assertThat(log.since(0, 10)).isEmpty();
        assertThat(log.since(-1, 10)).isEmpty();
    }

    @Test
    void pagesAreContiguousAndStartAfterTheCursor() {
        ChangeLog log = new ChangeLog(100);
        for (int i = 1; i <= 5; i++) {
            log.append("t" + i);
        }
        assertThat(log.head()).isEqualTo(5);
        assertThat(log.since(0, 2)).containsExactly(new TokenChange(1, "t1"), new TokenChange(2, "t2"));
        assertThat(log.since(2, 10)).extracting(TokenChange::sequence).containsExactly(3L, 4L, 5L);
        assertThat(log.since(-7, 1)).containsExactly(new TokenChange(1, "t1"));
        assertThat(log.since(5, 10)).isEmpty();
        assertThat(log.since(Long.MAX_VALUE, 10)).isEmpty();
        assertThat(log.since(0, 0)).isEmpty();
    }

    @Test
    void atLeastTheNewestRetainedChangesAreKeptAndOlderOnesDroppedInBatches() {
        ChangeLog log = new ChangeLog(3);
        for (int i = 1; i <= 20; i++) {
            log.append("t" + i);
            List<TokenChange> all = log.since(0, 100);
            assertThat(all.size()).as("after %d appends", i).isBetween(Math.min(i, 3), 5);
            assertThat(all.get(all.size() - 1)).isEqualTo(new TokenChange(i, "t" + i));
            for (int k = 1; k < all.size(); k++) {
                assertThat(all.get(k).sequence()).isEqualTo(all.get(k - 1).sequence() + 1);
            }
        }
        assertThat(log.head()).isEqualTo(20);
        assertThat(log.since(17, 100)).extracting(TokenChange::tokenId).containsExactly("t18", "t19", "t20");
        // a cursor older than what is kept reads from the oldest kept change on
        assertThat(log.since(0, 1).get(0).sequence()).isGreaterThan(1);
    }

    @Test
    void aLogMustRetainSomething() {
        assertThatThrownBy(() -> new ChangeLog(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
