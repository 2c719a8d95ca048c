package dev.pat4j.spring.benchmark;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code bench.*} properties.
 *
 * @param security    which chain guards the endpoint (required)
 * @param readyFile   where to write the port once the application serves (none: not written)
 * @param headersFile where to write the {@code Authorization} headers of the clients, one a line,
 *                    before the ready file (none: not written; a {@code permitall} run writes an empty file)
 * @param tokens      how many tokens the {@code pat4j} configuration creates, each for its own owner
 *                    (each client sends one); immutable, as a record
 */
@ConfigurationProperties("bench")
public record BenchProperties(Security security, @Nullable Path readyFile, @Nullable Path headersFile,
                              @DefaultValue("1000") int tokens) {
    public BenchProperties {
        Objects.requireNonNull(security, "bench.security: pat4j, permitall or basic");
        if (tokens < 1) {
            throw new IllegalArgumentException("bench.tokens must be at least 1, not " + tokens);
        }
    }

    /** The three chains measured; Spring binds {@code pat4j}, {@code permitall} and {@code basic} to them. */
    public enum Security {
        PAT4J, PERMITALL, BASIC
    }
}
