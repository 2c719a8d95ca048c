package dev.pat4j.cli.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the CLI's time arguments: durations such as {@code 90m}, {@code 12h}, {@code 30d},
 * and expiry dates: {@code 2027-01-31} (the end of that day, UTC) or a full instant
 * ({@code 2027-01-31T12:00:00Z}, or with an offset).
 */
public final class TimeArguments {
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,6})([mhd])");

    private TimeArguments() {
    }

    /** @throws IllegalArgumentException with a message that shows the expected form */
    public static Duration duration(String text) {
        Matcher m = text == null ? null : DURATION.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a positive number with"
                    + " m (minutes), h (hours) or d (days), such as 90m, 12h or 30d");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** @throws IllegalArgumentException with a message that shows the expected forms */
    public static Instant expiry(String text) {
        String s = text == null ? "" : text.strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            }
            if (s.endsWith("Z") || s.endsWith("z")) {
                return Instant.parse(s.toUpperCase(java.util.Locale.ROOT));
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date; use 2027-01-31 (end of that day, UTC)"
                    + " or an instant such as 2027-01-31T12:00:00Z");
        }
    }

    /** Picocli converter for durations. */
    public static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return duration(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Picocli converter for expiry dates. */
    public static final class ExpiryConverter implements picocli.CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return expiry(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
