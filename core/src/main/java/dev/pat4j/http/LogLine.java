package dev.pat4j.http;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * What an adapter logs about one decision: a level and a message that names the request
 * (method and masked raw path), the answer and the check behind it, with the token id when one
 * could be read, never a secret. Immutable.
 *
 * @param level   how loud: {@code DEBUG} for the routine (admitted, no credential),
 *                {@code INFO} for refusals, {@code WARN} for a store outage
 * @param message the text, already safe to log (control characters and token-like runs masked)
 */
public record LogLine(Level level, String message) {
    /** The SLF4J levels pat4j uses. */
    public enum Level {
        DEBUG, INFO, WARN
    }

    public LogLine {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    /** Writes the line to {@code logger} at its level. */
    public void writeTo(Logger logger) {
        switch (level) {
            case DEBUG -> logger.debug("{}", message);
            case INFO -> logger.info("{}", message);
            case WARN -> logger.warn("{}", message);
        }
    }
}
