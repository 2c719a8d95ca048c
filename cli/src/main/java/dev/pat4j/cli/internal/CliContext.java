package dev.pat4j.cli.internal;

import dev.pat4j.notice.NotificationSender;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a command needs from outside the JVM's arguments: the environment ({@code $PAT_DB},
 * {@code $USER}), standard input, the working directory (home of the default database), how
 * databases are opened, and the notification senders through which {@code pat notify-expiring}
 * delivers notices (none in the operator's {@code pat}; the demo's launcher adds its console).
 */
public record CliContext(Map<String, String> env, InputStream stdin, Path workingDirectory, Databases databases,
                         List<NotificationSender> senders) {
    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(databases, "databases");
        senders = List.copyOf(senders);
    }

    /** A context without notification senders. */
    public CliContext(Map<String, String> env, InputStream stdin, Path workingDirectory, Databases databases) {
        this(env, stdin, workingDirectory, databases, List.of());
    }

    /** An environment variable, or null when it is unset or blank. */
    public String variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
