package dev.pat4j.spring.benchmark;

import static org.springframework.security.config.Customizer.withDefaults;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code bench.security=basic}: the peer a Spring application has without pat4j, Spring
 * Security's HTTP Basic against an {@link InMemoryUserDetailsManager} user whose password is
 * stored as {@code {bcrypt}} at strength 10 (Spring's default encoder and strength), checked on
 * every request as Spring does. The password is random per start; the clients send its Basic header.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.security", havingValue = "basic")
class BasicChain {
    /** The user the clients authenticate as. */
    static final String USER = "bench";
    private static final int STRENGTH = 10;

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .requestCache(c -> c.disable()) // as on the other two chains
                .httpBasic(withDefaults())
                .build();
    }

    @Bean
    BasicPassword basicPassword() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return new BasicPassword(HexFormat.of().formatHex(random));
    }

    @Bean
    UserDetailsService users(BasicPassword password) {
        String encoded = "{bcrypt}" + new BCryptPasswordEncoder(STRENGTH).encode(password.value());
        return new InMemoryUserDetailsManager(User.withUsername(USER).password(encoded).roles("USER").build());
    }

    @Bean
    ClientCredentials clientCredentials(BasicPassword password) {
        String pair = USER + ":" + password.value();
        return new ClientCredentials(List.of("Basic " + Base64.getEncoder().encodeToString(
                pair.getBytes(StandardCharsets.UTF_8))));
    }

    /** The user's password for this run; not shown by {@link #toString()}. Immutable. */
    record BasicPassword(String value) {
        @Override
        public String toString() {
            return "BasicPassword[hidden]";
        }
    }
}
