package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {
    private static final Path HOME = Path.of("/srv/app");

    private static CliContext context(Map<String, String> env) {
        return new CliContext(env, new ByteArrayInputStream(new byte[0]), HOME, (location, create) -> {
            throw new AssertionError("not opened");
        });
    }

    @Test
    void optionWinsOverEnvironmentWhichWinsOverTheDefault() {
        CliContext withEnv = context(Map.of("PAT_DB", "jdbc:postgresql://127.0.0.1/env"));
        assertThat(DatabaseLocation.resolve("jdbc:postgresql://127.0.0.1/opt", withEnv).url())
                .isEqualTo("jdbc:postgresql://127.0.0.1/opt");
        assertThat(DatabaseLocation.resolve(null, withEnv).url()).isEqualTo("jdbc:postgresql://127.0.0.1/env");
        assertThat(DatabaseLocation.resolve(null, context(Map.of())).url())
                .isEqualTo("jdbc:h2:file:/srv/app/pat-data/pat;AUTO_SERVER=TRUE");
    }

    @Test
    void embeddedH2FilesAreSharedBetweenProcessesOtherUrlsAreLeftAlone() {
        assertThat(DatabaseLocation.shareable("jdbc:h2:file:/tmp/x")).isEqualTo("jdbc:h2:file:/tmp/x;AUTO_SERVER=TRUE");
        assertThat(DatabaseLocation.shareable("jdbc:h2:./data/x;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:./data/x;MODE=PostgreSQL;AUTO_SERVER=TRUE");
        assertThat(DatabaseLocation.shareable("jdbc:h2:/tmp/x;auto_server=false")).isEqualTo("jdbc:h2:/tmp/x;auto_server=false");
        assertThat(DatabaseLocation.shareable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(DatabaseLocation.shareable("jdbc:h2:tcp://127.0.0.1/x")).isEqualTo("jdbc:h2:tcp://127.0.0.1/x");
        assertThat(DatabaseLocation.shareable("jdbc:postgresql://h/x")).isEqualTo("jdbc:postgresql://h/x");
    }

    @Test
    void credentialsComeFromTheEnvironmentAndPasswordsAreMaskedInMessages() {
        DatabaseLocation location = DatabaseLocation.resolve("jdbc:postgresql://127.0.0.1/app?user=a&password=hunter2",
                context(Map.of("PAT_DB_USER", "app", "PAT_DB_PASSWORD", "s3cret")));
        assertThat(location.user()).isEqualTo("app");
        assertThat(location.password()).isEqualTo("s3cret");
        assertThat(location.displayUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/app?user=a&password=***");
        assertThat(location.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
    }

    @Test
    void somethingThatIsNotAJdbcUrlIsRefused() {
        assertThatThrownBy(() -> DatabaseLocation.resolve("pat-data/pat", context(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JDBC URL");
    }
}
