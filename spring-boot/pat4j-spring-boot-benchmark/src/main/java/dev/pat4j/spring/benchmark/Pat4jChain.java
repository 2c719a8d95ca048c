package dev.pat4j.spring.benchmark;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.spring.security.Pat4jConfigurer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * {@code bench.security=pat4j}: the chain as spring-boot/README.md shows it, every request
 * authenticated by a personal access token through {@link Pat4jConfigurer} (the starter's
 * {@code Pat4j} bean on its in-memory store: the application has no {@code DataSource}), a
 * request without one answered 401. At start-up it creates {@code bench.tokens} tokens, one per
 * owner, whose {@code Bearer} headers the clients send.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.security", havingValue = "pat4j")
class Pat4jChain {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .requestCache(c -> c.disable()) // an API-only chain, as the README advises
                .with(Pat4jConfigurer.pat4j(), pat4j -> pat4j.challengeOn(AnyRequestMatcher.INSTANCE))
                .build();
    }

    @Bean
    ClientCredentials clientCredentials(TokenService tokens, BenchProperties properties) {
        List<String> headers = new ArrayList<>(properties.tokens());
        for (int i = 0; i < properties.tokens(); i++) {
            String owner = String.format(Locale.ROOT, "client-%05d", i);
            NewToken request = NewToken.builder(owner, "bench").allOrganizations().lifespan(Duration.ofDays(1))
                    .scopes("code:read").build();
            headers.add("Bearer " + tokens.create(request, Actor.user(owner)).token());
        }
        return new ClientCredentials(headers);
    }
}
