package dev.pat4j.spring.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once the application is ready, writes {@code bench.headers-file} (the clients' headers, one a
 * line) and then {@code bench.ready-file} (the port Tomcat listens on), each moved into place
 * whole, so a harness polling for the ready file reads a complete port and finds the headers
 * already there. Runs once, on the event's thread.
 */
@Component
class ReadyFiles implements ApplicationListener<ApplicationReadyEvent> {
    private final BenchProperties properties;
    private final ClientCredentials credentials;
    private final Environment environment;

    ReadyFiles(BenchProperties properties, ClientCredentials credentials, Environment environment) {
        this.properties = properties;
        this.credentials = credentials;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (properties.headersFile() != null) {
            write(properties.headersFile(), credentials.authorizationHeaders());
        }
        if (properties.readyFile() != null) {
            // set by Spring Boot once the server has bound its port (also with server.port=0)
            write(properties.readyFile(), List.of(environment.getRequiredProperty("local.server.port")));
        }
    }

    private static void write(Path target, List<String> lines) {
        try {
            Path absolute = target.toAbsolutePath();
            Path partial = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".partial");
            Files.write(partial, lines, StandardCharsets.UTF_8); // no lines: an empty file, no blank header
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
