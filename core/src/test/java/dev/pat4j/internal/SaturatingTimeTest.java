package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Saturating addition agrees with the plain one wherever that does not overflow, and stops at the end of time. */
class SaturatingTimeTest {

    @Property
    void agreesWithPlainAdditionOrSaturates(@ForAll @LongRange(min = -31_556_889_864_403_199L, max = 31_556_889_864_403_199L) long nowSeconds,
                                            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long amountSeconds,
                                            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant now = Instant.ofEpochSecond(nowSeconds, nanos);
        Duration amount = Duration.ofSeconds(amountSeconds, nanos);
        Instant expected;
        try {
            expected = now.plus(amount);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            expected = Instant.MAX;
        }
        Instant got = SaturatingTime.plus(now, amount);
        if (expected.getEpochSecond() >= Instant.MAX.getEpochSecond()) {
            assertThat(got).as("within the last second of time, or beyond: the sum or the end").isIn(expected, Instant.MAX);
        } else {
            assertThat(got).isEqualTo(expected);
        }
    }

    @Property(tries = 50)
    void foreverIsTheEndOfTime(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long nowSeconds) {
        Instant now = Instant.ofEpochSecond(nowSeconds);
        assertThat(SaturatingTime.plus(now, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Instant.MAX);
        assertThat(SaturatingTime.plus(now, Duration.ZERO)).isEqualTo(now);
        assertThat(SaturatingTime.plus(now, Duration.ofDays(30))).isEqualTo(now.plus(Duration.ofDays(30)));
    }
}
