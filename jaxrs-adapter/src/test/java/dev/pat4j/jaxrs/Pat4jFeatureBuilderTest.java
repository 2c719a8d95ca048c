package dev.pat4j.jaxrs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.scope.AzureDevOpsScopes;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder refuses, at once, settings that would produce broken headers. */
class Pat4jFeatureBuilderTest {
    private final Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).build();

    @AfterEach
    void close() {
        pat4j.close();
    }

    /** The realm rule every adapter shares: 1 to 256 printable ASCII characters; quotes and backslashes are escaped. */
    @ParameterizedTest
    @ValueSource(strings = {"", "line\r\nbreak", "caf\u00e9", "tab\there"})
    void realmThatCannotBeAQuotedStringIsRefused(String realm) {
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).realm(realm))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realmLimits() {
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).realm(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).realm("r".repeat(257)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> Pat4jFeature.builder(pat4j).realm("Acme \"Git\" \\ (prod) 2030").realm("r".repeat(256))
                .build()).doesNotThrowAnyException();
    }

    @Test
    void retryAfterIsWholeSecondsFromOneToADay() {
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).retryAfter(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).retryAfter(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).retryAfter(Duration.ofSeconds(86_401)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).retryAfter(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> Pat4jFeature.builder(pat4j).retryAfter(Duration.ofSeconds(1))).doesNotThrowAnyException();
    }

    /** Without the peer, every client would be one unknown address: one guesser would block all. */
    @Test
    void aThrottleWithoutAWayToLearnThePeerIsRefused() {
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).throttle(AttemptThrottle.slidingWindow().build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("peerAddress");
        assertThatCode(() -> Pat4jFeature.builder(pat4j).throttle(AttemptThrottle.slidingWindow().build())
                .peerAddress(request -> "192.0.2.1").build()).doesNotThrowAnyException();
        assertThatCode(() -> Pat4jFeature.builder(pat4j).throttle(AttemptThrottle.none()).build())
                .doesNotThrowAnyException();
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> new Pat4jFeature(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).organization(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OrganizationResolver.header(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OrganizationResolver.pathParam(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Pat4jFeature.builder(pat4j).foreignCredentials(null))
                .isInstanceOf(NullPointerException.class);
    }
}
