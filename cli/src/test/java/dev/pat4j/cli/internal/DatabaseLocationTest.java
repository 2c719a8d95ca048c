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
        return new CliContext(env, new ByteArrayInputStream(new byte[0]), HOME, (location, create, deadlines) -> {
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
                .isEqualTo("jdbc:h2:file:/srv/app/pat-data/pat");
    }

    @Test
    void theSettingsStoreComesAfterTheOptionAndBeforeTheEnvironmentWithItsOwnCredentials() {
        CliContext withEnv = context(Map.of("PAT_DB", "jdbc:postgresql://127.0.0.1/env", "PAT_DB_USER", "env-user",
                "PAT_DB_PASSWORD", "env-password", "ACME_DB", "settings-password"));
        java.util.Properties p = new java.util.Properties();
        p.setProperty("pat4j.scopes.preset", "azure-devops");
        p.setProperty("pat4j.store.url", "jdbc:postgresql://db/app");
        p.setProperty("pat4j.store.user", "acme");
        p.setProperty("pat4j.store.password", "env:ACME_DB");
        CliSettings settings = new CliSettings(dev.pat4j.settings.Pat4jSettings.fromProperties(p, withEnv.env()),
                Path.of("acme.properties"));
        DatabaseLocation fromSettings = DatabaseLocation.resolve(null, withEnv, settings);
        assertThat(fromSettings.url()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(fromSettings.user()).isEqualTo("acme");
        assertThat(fromSettings.password()).isEqualTo("settings-password");
        assertThat(fromSettings.isDefault()).isFalse();
        assertThat(DatabaseLocation.resolve("jdbc:postgresql://127.0.0.1/opt", withEnv, settings).url())
                .isEqualTo("jdbc:postgresql://127.0.0.1/opt");
        assertThat(DatabaseLocation.resolve(null, withEnv).user()).isEqualTo("env-user");
        assertThat(DatabaseLocation.resolve(null, context(Map.of())).isDefault()).isTrue();

        p.setProperty("pat4j.store.password", "env:UNSET");
        CliSettings unreadable = new CliSettings(dev.pat4j.settings.Pat4jSettings.fromProperties(p, withEnv.env()),
                Path.of("acme.properties"));
        assertThatThrownBy(() -> DatabaseLocation.resolve(null, withEnv, unreadable)).isInstanceOf(CliFailure.class)
                .hasMessage("settings: pat4j.store.password: environment variable UNSET is not set");
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
