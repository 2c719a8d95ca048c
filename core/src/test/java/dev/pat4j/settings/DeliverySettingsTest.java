package dev.pat4j.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings' mail and webhook sections: what the file says reaches the sections, nothing is
 * mailed or posted unless a server or URL is named, keys that do not fit together are refused
 * naming the key, and the SMTP password and the signing secret exist only as references.
 */
class DeliverySettingsTest {
    private static final Map<String, String> ENV = Map.of("SMTP_PASSWORD", "smtp-hunter2",
            "HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @TempDir
    Path dir;

    private Pat4jSettings load(String text) throws Exception {
        return load(text, ENV);
    }

    private Pat4jSettings load(String text, Map<String, String> env) throws Exception {
        Path f = dir.resolve("acme.properties");
        Files.writeString(f, "pat4j.scopes.preset = azure-devops\n" + text, StandardCharsets.UTF_8);
        return Pat4jSettings.load(f, env);
    }

    @Test
    void withoutTheKeysNothingIsMailedOrPosted() throws Exception {
        Pat4jSettings settings = load("");
        assertThat(settings.mail()).isEqualTo(Pat4jSettings.Mail.none());
        assertThat(settings.mail().configured()).isFalse();
        assertThat(settings.webhooks().configured()).isFalse();
        assertThat(Pat4jSettings.defaults().mail().configured()).isFalse();
    }

    @Test
    void theMailSectionHoldsWhatTheFileSays() throws Exception {
        Pat4jSettings.Mail mail = load("""
                pat4j.mail.smtp.host = smtp.acme.example
                pat4j.mail.smtp.port = 465
                pat4j.mail.smtp.tls = smtps
                pat4j.mail.smtp.user = notices
                pat4j.mail.smtp.password = env:SMTP_PASSWORD
                pat4j.mail.from = notices@acme.example
                pat4j.mail.from-name = Acme Git
                pat4j.mail.product-name = Acme Git
                pat4j.mail.self-service-url = https://git.acme.example/settings/tokens
                pat4j.mail.kinds = created, expiring revoked-by-administrator
                """).mail();
        assertThat(mail).isEqualTo(new Pat4jSettings.Mail("smtp.acme.example", 465, "smtps", "notices",
                SecretReference.parse("env:SMTP_PASSWORD", ENV), "notices@acme.example", "Acme Git", "Acme Git",
                URI.create("https://git.acme.example/settings/tokens"),
                List.of("created", "expiring", "revoked-by-administrator")));
        assertThat(mail.password().readString()).isEqualTo("smtp-hunter2");
        assertThat(mail.toString()).contains("env:SMTP_PASSWORD").doesNotContain("smtp-hunter2");
    }

    @Test
    void theTlsModeDefaultsAsTheSendersDoes() throws Exception {
        assertThat(load("pat4j.mail.smtp.host = relay\npat4j.mail.from = a@acme.example\n").mail().tls())
                .isEqualTo("opportunistic");
        assertThat(load("""
                pat4j.mail.smtp.host = relay
                pat4j.mail.from = a@acme.example
                pat4j.mail.smtp.user = notices
                pat4j.mail.smtp.password = env:SMTP_PASSWORD
                """).mail().tls()).isEqualTo("starttls");
    }

    @Test
    void anEnvironmentVariableOverridesTheHost() throws Exception {
        Pat4jSettings settings = load("pat4j.mail.from = a@acme.example\n",
                Map.of("PAT4J_MAIL_SMTP_HOST", "mail.internal"));
        assertThat(settings.mail().host()).isEqualTo("mail.internal");
    }

    @Test
    void keysThatDoNotFitTogetherAreRefusedNamingTheKey() {
        assertRefused("pat4j.mail.smtp.host = relay\n", "pat4j.mail.smtp.host", "sender's address");
        assertRefused("pat4j.mail.smtp.host = relay\npat4j.mail.from = a@acme.example\n"
                + "pat4j.mail.smtp.tls = none\npat4j.mail.smtp.user = n\npat4j.mail.smtp.password = env:SMTP_PASSWORD\n",
                "pat4j.mail.smtp.password", "only sent over TLS");
        assertRefused("pat4j.mail.smtp.host = relay\npat4j.mail.from = a@acme.example\npat4j.mail.smtp.user = n\n",
                "pat4j.mail.smtp.user", "both a user and a password");
        assertRefused("pat4j.webhooks.url = https://hooks.acme.example/pat4j\n", "pat4j.webhooks.url",
                "signing secret");
        assertRefused("pat4j.webhooks.secret = env:HOOK_SECRET\n", "pat4j.webhooks.secret", "both a URL");
    }

    @Test
    void badValuesAreRefusedAndSecretsAreNeverEchoed() {
        assertRefused("pat4j.mail.smtp.tls = ssl\n", "pat4j.mail.smtp.tls", "expected none or opportunistic");
        assertRefused("pat4j.mail.smtp.port = 70000\n", "pat4j.mail.smtp.port", "from 1 to 65535");
        assertRefused("pat4j.mail.from = Acme <a@acme.example>\n", "pat4j.mail.from", "one mail address");
        assertRefused("pat4j.mail.kinds = created, Expiring\n", "pat4j.mail.kinds", "notice kind");
        assertRefused("pat4j.mail.self-service-url = javascript:alert(1)\n", "pat4j.mail.self-service-url",
                "http or https URL");
        assertRefused("pat4j.webhooks.url = https://user:pw@hooks.acme.example/\npat4j.webhooks.secret = env:HOOK_SECRET\n",
                "pat4j.webhooks.url", "no user or password");
        assertThatThrownBy(() -> load("pat4j.mail.smtp.password = smtp-hunter2\n"))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).key()).isEqualTo("pat4j.mail.smtp.password"))
                .message().doesNotContain("smtp-hunter2");
        assertThatThrownBy(() -> load("pat4j.webhooks.secret = whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"))
                .isInstanceOf(SettingsException.class).message().doesNotContain("MfKQ9r8GKYqr");
    }

    @Test
    void theWebhookSectionHoldsWhatTheFileSays() throws Exception {
        Pat4jSettings.Webhooks hooks = load("""
                pat4j.webhooks.url = https://hooks.acme.example/pat4j
                pat4j.webhooks.secret = env:HOOK_SECRET
                pat4j.webhooks.kinds = created leaked
                """).webhooks();
        assertThat(hooks).isEqualTo(new Pat4jSettings.Webhooks(URI.create("https://hooks.acme.example/pat4j"),
                SecretReference.parse("env:HOOK_SECRET", ENV), List.of("created", "leaked")));
        assertThat(hooks.toString()).doesNotContain("MfKQ9r8GKYqr");
    }

    private void assertRefused(String text, String key, String problem) {
        assertThatThrownBy(() -> load(text)).isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).key()).isEqualTo(key))
                .hasMessageContaining(problem);
    }
}
