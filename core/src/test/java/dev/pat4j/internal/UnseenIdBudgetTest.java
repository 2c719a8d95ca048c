package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token bucket for lookups of unseen ids, on a clock the test moves. */
class UnseenIdBudgetTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);

    private int taken(UnseenIdBudget budget, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (budget.tryTake()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aBurstAtOnceThenTheRateAndNeverMoreThanTheBurst() {
        UnseenIdBudget budget = new UnseenIdBudget(clock, 20, 20);
        assertThat(taken(budget, 1000)).isEqualTo(20);
        clock.advance(Duration.ofMillis(500));
        assertThat(taken(budget, 1000)).as("half a second at 20/s").isEqualTo(10);
        clock.advance(Duration.ofMillis(49));
        assertThat(taken(budget, 1000)).as("0.98 of a lookup is none yet").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(taken(budget, 1000)).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(taken(budget, 1000)).as("an idle hour refills only the burst").isEqualTo(20);
    }

    @Test
    void aClockThatGoesBackRefillsNothing() {
        UnseenIdBudget budget = new UnseenIdBudget(clock, 10, 2);
        assertThat(taken(budget, 10)).isEqualTo(2);
        clock.advance(Duration.ofSeconds(-30));
        assertThat(taken(budget, 10)).isZero();
        clock.advance(Duration.ofMillis(100));
        assertThat(taken(budget, 10)).as("counted from where the clock went back to").isEqualTo(1);
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new UnseenIdBudget(clock, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnseenIdBudget(clock, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
