package dev.pat4j.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.http.AddressRange;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.SlidingWindowThrottle;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The throttle's and the trusted proxies' keys: read, checked, defaulting to a throttle that is on, and applied. */
class ThrottleSettingsTest {
    private static Pat4jSettings read(Map<String, String> entries, Map<String, String> env) {
        Properties p = new Properties();
        p.setProperty("pat4j.scopes.preset", "azure-devops");
        entries.forEach(p::setProperty);
        return Pat4jSettings.fromProperties(p, env);
    }

    @Test
    void theKeysMapOntoTheirSections() {
        Pat4jSettings s = read(Map.of("pat4j.throttle.failures", "5", "pat4j.throttle.window", "2m",
                        "pat4j.throttle.block", "15m", "pat4j.throttle.exempt", "192.168.0.0/16, 2001:db8:c1::/48",
                        "pat4j.throttle.ipv6-prefix", "56", "pat4j.throttle.max-addresses", "20_000",
                        "pat4j.http.trusted-proxies", "10.0.0.0/8 ::1", "pat4j.http.forwarded-header", "forwarded"),
                Map.of("PAT4J_THROTTLE_FAILURES", "7"));

        assertThat(s.throttle()).isEqualTo(new Pat4jSettings.Throttle(true, 7, Duration.ofMinutes(2),
                Duration.ofMinutes(15), AddressRange.parseList("192.168.0.0/16 2001:db8:c1::/48"), 56, 20_000));
        assertThat(s.http()).isEqualTo(new Pat4jSettings.Http(AddressRange.parseList("10.0.0.0/8, ::1/128"),
                ClientAddressResolver.ForwardedHeader.FORWARDED));
    }

    @Test
    void leftOutTheThrottleIsOnWithItsDefaultsAndNoProxyIsTrusted() {
        Pat4jSettings s = read(Map.of(), Map.of());

        assertThat(s.throttle()).isEqualTo(Pat4jSettings.Throttle.defaults());
        assertThat(s.throttle().enabled()).isTrue();
        assertThat(s.throttle().failures()).isEqualTo(10);
        assertThat(s.throttle().window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.throttle().block()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.throttle().ipv6Prefix()).isEqualTo(64);
        assertThat(s.throttle().maxAddresses()).isEqualTo(100_000);
        assertThat(s.throttle().attemptThrottle()).isInstanceOf(SlidingWindowThrottle.class);
        assertThat(s.http()).isEqualTo(Pat4jSettings.Http.defaults());
        assertThat(s.http().clientAddressResolver()).isSameAs(ClientAddressResolver.peer());
        assertThat(Pat4jSettings.defaults().throttle().enabled()).isTrue();
    }

    @Test
    void theSectionsBuildWhatTheyDescribe() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        Pat4jSettings s = read(Map.of("pat4j.throttle.failures", "2", "pat4j.throttle.block", "5m",
                "pat4j.throttle.exempt", "192.168.0.0/16", "pat4j.http.trusted-proxies", "10.0.0.0/8"), Map.of());
        AttemptThrottle throttle = s.throttle().attemptThrottle(clock);

        throttle.failed("203.0.113.1", RejectionReason.UNKNOWN);
        throttle.failed("203.0.113.1", RejectionReason.UNKNOWN);
        throttle.failed("192.168.1.1", RejectionReason.UNKNOWN);
        throttle.failed("192.168.1.1", RejectionReason.UNKNOWN);

        assertThat(throttle.delay("203.0.113.1")).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.delay("192.168.1.1")).isZero();
        assertThat(read(Map.of("pat4j.throttle.enabled", "false"), Map.of()).throttle().attemptThrottle())
                .isSameAs(AttemptThrottle.none());
        assertThat(s.http().clientAddressResolver().clientAddress(new dev.pat4j.http.RequestView() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String rawPath() {
                return "/";
            }

            @Override
            public String path() {
                return "/";
            }

            @Override
            public List<String> headers(String name) {
                return name.equalsIgnoreCase("X-Forwarded-For") ? List.of("198.51.100.3") : List.of();
            }

            @Override
            public String remoteAddress() {
                return "10.0.0.2";
            }
        })).isEqualTo("198.51.100.3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pat4j.throttle.enabled | yes | expected true or false",
            "pat4j.throttle.failures | 0 | from 1 to 1000",
            "pat4j.throttle.failures | 1001 | from 1 to 1000",
            "pat4j.throttle.window | 2d | at most a day",
            "pat4j.throttle.block | 0s | positive",
            "pat4j.throttle.exempt | 10.0.0.0/8, intranet.example | entry 2",
            "pat4j.throttle.ipv6-prefix | 129 | from 1 to 128",
            "pat4j.throttle.max-addresses | 0 | ",
            "pat4j.http.trusted-proxies | localhost | no host name",
            "pat4j.http.trusted-proxies | 10.0.0.0/33 | prefix length",
            "pat4j.http.forwarded-header | x-real-ip | expected x-forwarded-for or forwarded"})
    void aBadValueIsRefusedNamingItsKey(String key, String value, String message) {
        assertThatThrownBy(() -> read(Map.of(key, value), Map.of())).isInstanceOf(SettingsException.class)
                .hasMessageContaining(key).hasMessageContaining(message == null ? "" : message)
                .satisfies(e -> assertThat(((SettingsException) e).key()).isEqualTo(key));
    }

    @Test
    void settingsOfBeforeTheThrottleStillConstructWithItsDefaults() {
        Pat4jSettings d = Pat4jSettings.defaults();
        Pat4jSettings old = new Pat4jSettings(d.scopes(), d.tokenPrefix(), d.hashing(), d.policy(), d.cache(),
                d.store(), d.notifications(), d.organizations(), d.notices(), d.mail(), d.webhooks());

        assertThat(old.throttle()).isEqualTo(Pat4jSettings.Throttle.defaults());
        assertThat(old.http()).isEqualTo(Pat4jSettings.Http.defaults());
        assertThat(Pat4jSettings.Throttle.off().attemptThrottle()).isSameAs(AttemptThrottle.none());
    }
}
