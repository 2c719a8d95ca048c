package dev.pat4j.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.RequestView;
import dev.pat4j.http.SlidingWindowThrottle;
import dev.pat4j.validation.RejectionReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's throttle and client-address beans from {@code pat4j.throttle.*} and
 * {@code pat4j.http.*}: on by default, off on request, as configured, refused when wrong, and
 * backing off for the application's own bean.
 */
class ThrottleAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Pat4jAutoConfiguration.class))
            .withPropertyValues("pat4j.scopes.preset=azure-devops");

    @Test
    void theThrottleIsOnByDefaultAndThePeerIsTheClient() {
        runner.run(context -> {
            assertThat(context.getBean(AttemptThrottle.class)).isInstanceOf(SlidingWindowThrottle.class);
            assertThat(context.getBean(ClientAddressResolver.class)).isSameAs(ClientAddressResolver.peer());
        });
    }

    @Test
    void thePropertiesConfigureBoth() {
        runner.withPropertyValues("pat4j.throttle.failures=2", "pat4j.throttle.block=3m",
                        "pat4j.throttle.exempt=192.168.0.0/16,10.1.0.0/16", "pat4j.http.trusted-proxies=10.0.0.0/8",
                        "pat4j.http.forwarded-header=forwarded")
                .run(context -> {
                    AttemptThrottle throttle = context.getBean(AttemptThrottle.class);
                    throttle.failed("203.0.113.1", RejectionReason.UNKNOWN);
                    throttle.failed("203.0.113.1", RejectionReason.UNKNOWN);
                    throttle.failed("192.168.0.1", RejectionReason.UNKNOWN);
                    throttle.failed("192.168.0.1", RejectionReason.UNKNOWN);
                    assertThat(throttle.delay("203.0.113.1")).isGreaterThan(Duration.ofMinutes(2));
                    assertThat(throttle.delay("192.168.0.1")).isZero();
                    assertThat(context.getBean(ClientAddressResolver.class).clientAddress(
                            view("10.0.0.2", "Forwarded", "for=198.51.100.4"))).isEqualTo("198.51.100.4");
                });
    }

    @Test
    void itIsOffOnRequestAndAWrongValueFailsStartUpNamingTheKey() {
        runner.withPropertyValues("pat4j.throttle.enabled=false")
                .run(context -> assertThat(context.getBean(AttemptThrottle.class)).isSameAs(AttemptThrottle.none()));
        runner.withPropertyValues("pat4j.http.trusted-proxies=proxy.internal")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("pat4j.http.trusted-proxies"));
    }

    @Test
    void theApplicationsOwnThrottleWins() {
        runner.withUserConfiguration(OwnThrottle.class)
                .run(context -> assertThat(context.getBean(AttemptThrottle.class)).isSameAs(OwnThrottle.MINE));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnThrottle {
        static final AttemptThrottle MINE = AttemptThrottle.slidingWindow().failures(99).build();

        @Bean
        AttemptThrottle mine() {
            return MINE;
        }
    }

    private static RequestView view(String peer, String header, String value) {
        return new RequestView() {
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
                return name.equalsIgnoreCase(header) ? List.of(value) : List.of();
            }

            @Override
            public String remoteAddress() {
                return peer;
            }
        };
    }
}
