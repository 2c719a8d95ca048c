package dev.pat4j.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the settings parser (the file syntax, then every key's value and
 * its environment override). Property: a settings text is either read, the same way each time,
 * or refused with a {@link SettingsException} that has a message; nothing else ever escapes.
 */
class SettingsFuzzTest {
    private static final String[] KEYS = {"pat4j.token.prefix", "pat4j.scopes", "pat4j.policy.max-lifespan",
        "pat4j.hashing.algorithm", "pat4j.cache.ttl", "pat4j.cache.maximum-size", "pat4j.store.query-timeout",
        "pat4j.store.breaker.failures", "pat4j.scope.code:read.label", "pat4j.organizations.source"};

    @FuzzTest(maxDuration = "2m")
    void readsTheSameTwiceOrRefusesWithASettingsException(FuzzedDataProvider data) {
        Map<String, String> env = new HashMap<>();
        if (data.consumeBoolean()) {
            env.put(Pat4jSettings.environmentName(KEYS[data.consumeInt(0, KEYS.length - 1)]), data.consumeString(20));
        }
        String text = data.consumeBoolean() ? entries(data) : data.consumeRemainingAsString();
        Pat4jSettings first;
        try {
            first = read(text, env);
        } catch (SettingsException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(read(text, env)).hasToString(first.toString());
    }

    private static Pat4jSettings read(String text, Map<String, String> env) {
        return SettingsReader.read(SettingsFile.parse(text, "fuzz.properties"), env);
    }

    /** Lines with real keys, so the fuzzer reaches the readers of values, not only the syntax. */
    private static String entries(FuzzedDataProvider data) {
        StringBuilder sb = new StringBuilder();
        for (int n = data.consumeInt(1, 4); n > 0; n--) {
            sb.append(KEYS[data.consumeInt(0, KEYS.length - 1)]).append(" = ").append(data.consumeString(30)).append('\n');
        }
        return sb.append(data.consumeRemainingAsString()).toString();
    }
}
