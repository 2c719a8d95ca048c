package dev.pat4j.cli.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command needs from outside the JVM's arguments: the environment ({@code $PAT_DB},
 * {@code $USER}), standard input, the working directory (home of the default database) and
 * how databases are opened.
 */
public record CliContext(Map<String, String> env, InputStream stdin, Path workingDirectory, Databases databases) {
    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(databases, "databases");
    }

    /** An environment variable, or null when it is unset or blank. */
    public String variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
