package dev.pat4j.spring.benchmark;

import java.util.List;

/**
 * The {@code Authorization} header values the benchmark's clients send, one per client (the load
 * generator's connection {@code i} sends header {@code i} modulo their number); empty when the
 * chain needs none. They hold secrets: {@link #toString()} does not show them. Immutable.
 */
public record ClientCredentials(List<String> authorizationHeaders) {
    public ClientCredentials {
        authorizationHeaders = List.copyOf(authorizationHeaders);
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + authorizationHeaders.size() + " headers]";
    }
}
