package dev.pat4j.spring.benchmark;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code bench.security=permitall}: Spring Security's chain with its default filters (security
 * headers, CSRF, anonymous authentication…) that lets every request through: the baseline the
 * pat4j chain is compared with.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.security", havingValue = "permitall")
class PermitAllChain {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .requestCache(c -> c.disable()) // as on the other two chains
                .build();
    }

    @Bean
    ClientCredentials clientCredentials() {
        return new ClientCredentials(List.of());
    }
}
