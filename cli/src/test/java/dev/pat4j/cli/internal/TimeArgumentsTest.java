package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimeArgumentsTest {

    @Test
    void durationsInMinutesHoursAndDays() {
        assertThat(TimeArguments.duration("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(TimeArguments.duration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(TimeArguments.duration("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(TimeArguments.duration(" 7d ")).isEqualTo(Duration.ofDays(7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "30", "0d", "-1d", "30D", "1.5h", "30 d", "1w", "P30D", "99999999d", "3d2h", "٣d"})
    void malformedDurationsAreRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> TimeArguments.duration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("90m, 12h or 30d");
    }

    @Test
    void aDateMeansTheEndOfThatDayUtc() {
        assertThat(TimeArguments.expiry("2027-01-31")).isEqualTo(Instant.parse("2027-01-31T23:59:59.999Z"));
    }

    @Test
    void fullInstantsWithZOrAnOffset() {
        assertThat(TimeArguments.expiry("2027-01-31T12:00:00Z")).isEqualTo(Instant.parse("2027-01-31T12:00:00Z"));
        assertThat(TimeArguments.expiry("2027-01-31T12:00:00+02:00")).isEqualTo(Instant.parse("2027-01-31T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tomorrow", "2027-02-30", "2027-13-01", "31/01/2027", "2027-01-31T12:00:00",
        "2027-01-31 12:00"})
    void malformedDatesAreRefusedWithTheExpectedForms(String text) {
        assertThatThrownBy(() -> TimeArguments.expiry(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2027-01-31");
    }
}
