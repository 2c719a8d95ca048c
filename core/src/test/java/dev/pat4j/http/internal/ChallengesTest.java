package dev.pat4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.http.LogLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengesTest {
    @Test
    void quotedStringEscapesQuoteAndBackslashOnly() {
        assertThat(Challenges.quote("acme")).isEqualTo("\"acme\"");
        assertThat(Challenges.quote("a \"b\" \\ c, d=e")).isEqualTo("\"a \\\"b\\\" \\\\ c, d=e\"");
        assertThat(Challenges.quote("")).isEqualTo("\"\"");
    }

    @Test
    void realmIsOneTo256PrintableAsciiCharacters() {
        assertThat(Challenges.requireRealm("Acme \"R&D\" \\ API")).isEqualTo("Acme \"R&D\" \\ API");
        assertThat(Challenges.requireRealm("r".repeat(256))).hasSize(256);
        assertThatThrownBy(() -> Challenges.requireRealm("r".repeat(257))).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> Challenges.requireRealm("")).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> Challenges.requireRealm(null)).hasMessageContaining("1 to 256");
        assertThatThrownBy(() -> Challenges.requireRealm("a\r\nSet-Cookie: x=1")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> Challenges.requireRealm("caf\u00e9")).hasMessageContaining("U+00E9");
    }

    @Test
    void retryAfterIsWholeSecondsFromOneToADay() {
        assertThat(Challenges.requireRetryAfter(Duration.ofSeconds(1))).hasSeconds(1);
        assertThat(Challenges.requireRetryAfter(Duration.ofDays(1))).hasSeconds(86_400);
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(1500), Duration.ofMillis(999),
                Duration.ofSeconds(86_401), Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> Challenges.requireRetryAfter(bad)).hasMessageContaining("whole seconds");
        }
    }

    @Test
    void insufficientScopeNamesEveryRequiredScopeAndDropsHeaderBreakingCharacters() {
        Challenges c = new Challenges("acme", Duration.ofSeconds(5));
        LogLine log = new LogLine(LogLine.Level.INFO, "x");
        assertThat(c.insufficientScope(List.of("code:read", "build:read\"\r\n"), log).header("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"acme\", error=\"insufficient_scope\", scope=\"code:read build:read\"");
    }
}
