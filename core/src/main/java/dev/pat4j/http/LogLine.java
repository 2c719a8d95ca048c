package dev.pat4j.http;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What an adapter logs about one decision: a level and a message that names the request
 * (method and masked raw path), the answer and the check behind it, with the token id when one
 * could be read, never a secret.
 *
 * <p>Levels: {@code DEBUG} for the routine (admitted, no credential) and for the refusals a
 * guesser causes (a malformed, forged or unknown token, a wrong secret, a throttled client):
 * those are counted in one summary line a minute by the validator, and the throttle logs once
 * when it blocks an address, so a flood cannot write a line per request. {@code INFO} for the
 * other refusals (a revoked, expired or misplaced token: its holder had the secret),
 * {@code WARN} for a store outage.
 *
 * <p>The message of a {@linkplain #deferred deferred} line is built only when it is needed: an
 * admitted request at the default level pays for no string. Equal by level and message;
 * immutable and thread-safe (a deferred message may be built twice by racing readers, to the
 * same text).
 */
public final class LogLine {
    /** The SLF4J levels pat4j uses. */
    public enum Level {
        DEBUG, INFO, WARN
    }

    private final Level level;
    private final @Nullable Supplier<String> builder;
    private volatile @Nullable String message;

    /** A line whose message is already safe to log (control characters and token-like runs masked). */
    public LogLine(Level level, String message) {
        this.level = Objects.requireNonNull(level, "level");
        this.message = Objects.requireNonNull(message, "message");
        this.builder = null;
    }

    private LogLine(Level level, Supplier<String> builder) {
        this.level = Objects.requireNonNull(level, "level");
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /**
     * A line whose message {@code builder} makes, safe to log, when the line is written at an
     * enabled level or {@link #message()} is asked for; {@code builder} must be side-effect free.
     */
    public static LogLine deferred(Level level, Supplier<String> builder) {
        return new LogLine(level, builder);
    }

    /** How loud the line is. */
    public Level level() {
        return level;
    }

    /** The text, safe to log. */
    public String message() {
        String text = message;
        if (text == null) {
            text = Objects.requireNonNull(builder.get(), "the deferred message");
            message = text;
        }
        return text;
    }

    /** Writes the line to {@code logger} at its level, building its message only if that level is enabled. */
    public void writeTo(Logger logger) {
        switch (level) {
            case DEBUG -> {
                if (logger.isDebugEnabled()) {
                    logger.debug("{}", message());
                }
            }
            case INFO -> {
                if (logger.isInfoEnabled()) {
                    logger.info("{}", message());
                }
            }
            case WARN -> {
                if (logger.isWarnEnabled()) {
                    logger.warn("{}", message());
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogLine other && level == other.level && message().equals(other.message());
    }

    @Override
    public int hashCode() {
        return 31 * level.hashCode() + message().hashCode();
    }

    @Override
    public String toString() {
        return "LogLine[level=" + level + ", message=" + message() + "]";
    }
}
