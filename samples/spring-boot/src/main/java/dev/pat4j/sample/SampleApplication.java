package dev.pat4j.sample;

import static org.springframework.security.config.Customizer.withDefaults;
import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import dev.pat4j.spring.security.Pat4jConfigurer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * pat4j's Spring Boot sample: a small repository API ({@link RepositoryApi}) that tools call with
 * personal access tokens, and a page behind form login ({@link TokenPage}) where a user creates
 * one. Its one filter chain holds both; the starter configures pat4j from application.properties.
 */
@SpringBootApplication
@EnableMethodSecurity
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(withDefaults())
                .with(Pat4jConfigurer.pat4j(), pat4j -> pat4j.challengeOn(pathPattern("/api/**")))
                .build();
    }

    /** The sample's one user; a real application has its own. */
    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}alice-password")
                .roles("USER").build());
    }
}
