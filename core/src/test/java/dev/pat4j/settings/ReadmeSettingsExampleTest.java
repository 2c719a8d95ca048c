package dev.pat4j.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.TokenPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's complete settings file loads as documented, names every key there is (so the
 * README cannot fall behind the reader), and its commented Argon2id keys load too once chosen.
 */
class ReadmeSettingsExampleTest {
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- settings-example[^>]*-->\\s*```properties\\n(.*?)```\\s*<!-- /settings-example -->", Pattern.DOTALL);
    private static final Map<String, String> ENV = Map.of(
            "ACME_PEPPER", "acme-pepper-of-the-readme-0123456789abcdef",
            "ACME_PEPPER_2023B", "acme-pepper-of-2023-0123456789abcdef0123",
            "ACME_DB_PASSWORD", "not-a-real-password",
            "ACME_SMTP_PASSWORD", "not-a-real-smtp-password",
            "ACME_WEBHOOK_SECRET", "whsec_bm90LWEtcmVhbC13ZWJob29rLXNlY3JldA==");

    @TempDir
    Path dir;

    private static String example() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(readme);
        assertThat(m.find()).as("README has a settings-example block").isTrue();
        return m.group(1);
    }

    private Pat4jSettings load(String text) throws Exception {
        Path file = dir.resolve("acme.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return Pat4jSettings.load(file, ENV);
    }

    @Test
    void theCompleteExampleLoadsAsDocumented() throws Exception {
        Pat4jSettings s = load(example());
        assertThat(s.tokenPrefix()).isEqualTo("acme");
        assertThat(s.scopes().names()).containsExactly("*", "read:org", "repo", "repo:status", "vso.code_write");
        assertThat(s.scopes().of("repo").all()).containsExactly("read:org", "repo", "repo:status");
        assertThat(s.scopes().definition("repo").orElseThrow().highPrivilege()).isTrue();
        assertThat(s.hashing().secretHashing().algorithm()).isEqualTo("hmac-sha256$kid=2024a");
        assertThat(s.hashing().previousPeppers()).containsOnlyKeys("2023b");
        assertThat(s.policy()).isEqualTo(new TokenPolicy(Duration.ofDays(30), false, false, 20,
                TokenPolicy.ExtensionBase.CREATION));
        assertThat(s.store().url()).isEqualTo("jdbc:postgresql://db.acme.internal:5432/app");
        assertThat(s.store().password().readString()).isEqualTo("not-a-real-password");
        assertThat(s.notifications().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.organizations().source()).isEqualTo("header:X-Org");
        assertThat(s.mail().configured()).isTrue();
        assertThat(s.mail().password().readString()).isEqualTo("not-a-real-smtp-password");
        assertThat(s.mail().kinds()).hasSize(5);
        assertThat(s.webhooks().url()).hasToString("https://hooks.acme.example/pat4j");
    }

    @Test
    void theExampleNamesEveryKeyAndEveryScopeAttribute() throws Exception {
        List<String> named = new ArrayList<>();
        for (String line : example().lines().toList()) {
            String l = line.startsWith("# ") ? line.substring(2) : line;
            int eq = l.indexOf(" = ");
            if (l.startsWith("pat4j.") && eq > 0) {
                named.add(l.substring(0, eq));
            }
        }
        assertThat(named).containsAll(SettingsReader.KEYS).doesNotHaveDuplicates();
        for (String attribute : SettingsReader.SCOPE_ATTRIBUTES) {
            assertThat(named).as(attribute).anyMatch(k -> k.startsWith("pat4j.scope.") && k.endsWith("." + attribute));
        }
    }

    @Test
    void theCommentedArgon2KeysLoadOnceArgon2idIsChosen() throws Exception {
        String argon = example()
                .replace("pat4j.hashing.algorithm = hmac-sha256", "pat4j.hashing.algorithm = argon2id")
                .replace("pat4j.hashing.pepper = ", "# pat4j.hashing.pepper = ")
                .replace("pat4j.hashing.pepper-id = ", "# pat4j.hashing.pepper-id = ")
                .replace("# pat4j.hashing.argon2.", "pat4j.hashing.argon2.");
        Pat4jSettings s = load(argon);
        assertThat(s.hashing().secretHashing().algorithm()).isEqualTo("argon2id$m=19456,t=2,p=1");
        assertThat(s.hashing().secretHashing().pepperIds()).containsExactly("2023b");
    }
}
