package dev.pat4j.testkit.http;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row's expected answer. {@code challenges} are the exact {@code WWW-Authenticate} values
 * (empty: none); {@code retryAfter} the exact {@code Retry-After} (null: absent); {@code body}
 * the exact body, or null for "refused, by pat4j or by the container before it": then the
 * body must show no resource output and name no check. Immutable.
 */
public record Expected(int status, List<String> challenges, @Nullable String retryAfter, @Nullable String body) {
    public Expected {
        challenges = List.copyOf(challenges);
    }

    @Override
    public String toString() {
        return status + (challenges.isEmpty() ? "" : " " + challenges) + (retryAfter == null ? "" : " Retry-After: "
                + retryAfter) + (body == null ? " (refused)" : " " + body.strip());
    }
}
