package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.Pat4j;

/**
 * Adjusts the {@link Pat4j.Builder} of the auto-configured {@link Pat4j} after the settings,
 * the store, the listeners, the owner directory and the observers are set: a clock, say, or
 * {@link Pat4j.Builder#acceptBoundTokensWithoutOrganization}. Declare one as a bean; several are
 * applied in their {@code @Order}. Implementations are called once, at start-up.
 */
@FunctionalInterface
public interface Pat4jBuilderCustomizer {
    /** Changes {@code builder} before {@code build()}. */
    void customize(Pat4j.Builder builder);
}
