package dev.pat4j.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.TokenCodec;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keys of the filter of live ids, its budget and the rejection summary: read, checked, and applied by the builder. */
class IdFilterSettingsTest {
    private static Pat4jSettings read(Map<String, String> entries, Map<String, String> env) {
        Properties p = new Properties();
        p.setProperty("pat4j.scopes.preset", "azure-devops");
        entries.forEach(p::setProperty);
        return Pat4jSettings.fromProperties(p, env);
    }

    @Test
    void theKeysMapOntoTheCacheSection() {
        Pat4jSettings s = read(Map.of("pat4j.cache.id-filter", "false", "pat4j.cache.id-filter-expected-size", "2_000_000",
                "pat4j.cache.id-filter-rebuild-interval", "15m", "pat4j.cache.unseen-ids-per-second", "50",
                "pat4j.cache.unseen-id-burst", "100", "pat4j.cache.rejection-summary-interval", "5m"),
                Map.of("PAT4J_CACHE_UNSEEN_ID_BURST", "7"));
        assertThat(s.cache()).isEqualTo(new Pat4jSettings.Cache(100_000, Duration.ofMinutes(5), 10_000,
                Duration.ofSeconds(5), false, 2_000_000, Duration.ofMinutes(15), 50, 7, Duration.ofMinutes(5)));
    }

    @Test
    void leftOutTheyTakeTheBuildersDefaults() {
        Pat4jSettings.Cache c = read(Map.of(), Map.of()).cache();
        assertThat(c.idFilter()).isTrue();
        assertThat(c.idFilterExpectedSize()).isEqualTo(100_000);
        assertThat(c.idFilterRebuildInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(c.unseenIdsPerSecond()).isEqualTo(20);
        assertThat(c.unseenIdBurst()).isEqualTo(20);
        assertThat(c.rejectionSummaryInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c).isEqualTo(Pat4jSettings.Cache.defaults());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pat4j.cache.id-filter | yes | expected true or false",
            "pat4j.cache.id-filter-expected-size | 0 | ",
            "pat4j.cache.unseen-ids-per-second | -1 | expected a whole number",
            "pat4j.cache.unseen-id-burst | 3000000000 | ",
            "pat4j.cache.id-filter-rebuild-interval | 1 | expected a duration",
            "pat4j.cache.rejection-summary-interval | 0s | "})
    void aBadValueIsRefusedNamingItsKey(String key, String value, String message) {
        assertThatThrownBy(() -> read(Map.of(key, value), Map.of())).isInstanceOf(SettingsException.class)
                .hasMessageContaining(key).hasMessageContaining(message == null ? "" : message);
    }

    @Test
    void theBuilderAppliesThemFilterAndBudget() {
        MutableClock clock = new MutableClock(Fixtures.START);
        TokenCodec codec = new TokenCodec("pat");
        SecureRandom random = new SecureRandom();
        for (boolean filter : new boolean[] {true, false}) {
            Pat4jSettings s = read(Map.of("pat4j.cache.id-filter", String.valueOf(filter),
                    "pat4j.cache.unseen-ids-per-second", "1", "pat4j.cache.unseen-id-burst", "3"), Map.of());
            CountingStore store = new CountingStore(new InMemoryTokenStore());
            try (Pat4j pat4j = Pat4j.builder().settings(s).store(store).clock(clock).build()) {
                for (int i = 0; i < 30; i++) {
                    pat4j.validator().check(Fixtures.bearer(codec.generate(random)), "acme");
                }
            }
            assertThat(store.findCalls()).as("filter %s", filter).isEqualTo(filter ? 3 : 30);
        }
    }
}
