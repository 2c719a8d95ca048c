package dev.pat4j.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.notice.NoticeKind;
import dev.pat4j.settings.SecretReference;
import dev.pat4j.settings.SettingsException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder refuses what cannot work, or would be unsafe, when it is built, not when the first mail goes out. */
class MailNoticeSenderBuilderTest {
    private static final String PASSWORD = "s3cr3t-smtp-password";

    @TempDir
    Path dir;

    private static MailNoticeSender.Builder minimal() {
        return MailNoticeSender.builder().smtp("smtp.acme.example").from("notices@acme.example")
                .recipients(owner -> Optional.empty());
    }

    @Test
    void theServerTheSenderAndTheResolverAreRequired() {
        assertThatThrownBy(() -> MailNoticeSender.builder().from("a@b.example").recipients(o -> Optional.empty()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("smtp(host, port)");
        assertThatThrownBy(() -> MailNoticeSender.builder().smtp("h").recipients(o -> Optional.empty()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from(address)");
        assertThatThrownBy(() -> MailNoticeSender.builder().smtp("h").from("a@b.example").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recipients(");
    }

    @Test
    void eachSetterRejectsABadValueAtOnce() {
        MailNoticeSender.Builder b = MailNoticeSender.builder();
        assertThatThrownBy(() -> b.smtp("host name with spaces", 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.smtp("smtp.acme.example\r\nRCPT TO:<x@y>", 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.smtp("smtp.acme.example", 65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.from("not an address")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.from("Eve <eve@evil.example>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.from("a@b.example", "two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.selfServiceUrl(URI.create("javascript:alert(1)"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.selfServiceUrl(URI.create("/settings/tokens"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.readTimeout(Duration.ofMinutes(6))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.name("Mail!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.kinds()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.credentials("user\r\n", SecretReference.parse("env:X"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Recipient("alice@example.com, eve@evil.example", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsRequireTlsAndDefaultToRequiredStartTls() throws Exception {
        Path secret = secretFile(PASSWORD + "\n");
        SecretReference ref = SecretReference.parse("file:" + secret);
        MailNoticeSender sender = minimal().credentials("notices", ref).build();
        assertThat(sender.toString()).contains("tls=STARTTLS", "smtp.acme.example:587", "user=notices",
                "password=file:" + secret).doesNotContain(PASSWORD);
        for (TlsMode plain : new TlsMode[] {TlsMode.NONE, TlsMode.OPPORTUNISTIC}) {
            assertThatThrownBy(() -> minimal().credentials("notices", ref).tls(plain).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("credentials need TLS");
        }
        assertThat(minimal().credentials("notices", ref).tls(TlsMode.SMTPS).build().toString())
                .contains("smtp.acme.example:465", "tls=SMTPS");
        assertThat(minimal().build().toString()).contains("smtp.acme.example:25", "tls=OPPORTUNISTIC")
                .doesNotContain("password");
    }

    @Test
    void aPasswordThatCannotBeReadFailsTheBuildNamingOnlyItsReference() throws Exception {
        SecretReference unset = SecretReference.parse("env:PAT4J_TEST_SMTP_PASSWORD", Map.of());
        assertThatThrownBy(() -> minimal().credentials("notices", unset).build()).isInstanceOf(SettingsException.class)
                .hasMessageContaining("PAT4J_TEST_SMTP_PASSWORD");
        Path readable = secretFile(PASSWORD);
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> minimal().credentials("notices", SecretReference.parse("file:" + readable)).build())
                .isInstanceOf(SettingsException.class).hasMessageContaining("readable by every user")
                .message().doesNotContain(PASSWORD);
        SecretReference set = SecretReference.parse("env:PAT4J_TEST_SMTP_PASSWORD",
                Map.of("PAT4J_TEST_SMTP_PASSWORD", PASSWORD));
        assertThat(minimal().credentials("notices", set).build().toString()).contains("env:PAT4J_TEST_SMTP_PASSWORD")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aKindWithoutATemplateIsRefused() {
        NoticeKind custom = new NoticeKind("scope-narrowed");
        assertThatThrownBy(() -> minimal().kinds(NoticeKind.CREATED, custom).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("scope-narrowed");
        MailNoticeSender sender = minimal().kinds(NoticeKind.CREATED).build();
        assertThat(sender.sends(NoticeKind.CREATED)).isTrue();
        assertThat(sender.sends(NoticeKind.EXPIRING)).isFalse();
        assertThat(sender.sends(custom)).isFalse();
    }

    @Test
    void aKindTheApplicationAddsIsMailedFromItsOwnTemplates() {
        NoticeKind custom = new NoticeKind("scope-narrowed");
        MailTemplates templates = MailTemplates.fromResources(getClass().getClassLoader(), "acme-mail");
        assertThat(templates.handles(custom)).isTrue();
        assertThat(templates.handles(new NoticeKind("unknown-kind"))).isFalse();
        assertThat(minimal().templates(templates).kinds(custom, NoticeKind.CREATED).build().sends(custom)).isTrue();
        assertThatThrownBy(() -> MailTemplates.fromResources(getClass().getClassLoader(), "broken-mail"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid Mustache");
        MailTemplates half = MailTemplates.fromResources(getClass().getClassLoader(), "half-mail");
        assertThatThrownBy(() -> half.handles(new NoticeKind("half-kind")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need all three files");
    }

    private Path secretFile(String content) throws Exception {
        Path file = dir.resolve("smtp-password-" + System.nanoTime());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
