package dev.pat4j.spring.benchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The application that {@code benchmarks/run.sh full} measures: one trivial endpoint
 * ({@link HelloEndpoint}) on Tomcat behind the Spring Security chain that {@code bench.security}
 * names ({@link BenchProperties}): pat4j's ({@link Pat4jChain}), {@code permitAll}
 * ({@link PermitAllChain}) or HTTP Basic with a BCrypt user ({@link BasicChain}). Once it serves,
 * it writes the {@code Authorization} headers its clients are to send and then its port
 * ({@link ReadyFiles}), so a harness that started it with {@code --server.port=0} finds both.
 */
@SpringBootApplication
@EnableConfigurationProperties(BenchProperties.class)
public class BenchmarkApplication {

    public static void main(String[] args) {
        SpringApplication.run(BenchmarkApplication.class, args);
    }
}
