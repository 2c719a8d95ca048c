package dev.pat4j.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.settings.SecretReference;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login over TLS to a real SMTP server (GreenMail, SMTPS) whose certificate names 127.0.0.1 only
 * (the module's surefire configuration hands GreenMail that test key, {@code tls/smtp-test.p12}):
 * the sender verifies the server's name, authenticates with the password it read from a file
 * reference, and refuses to log in, or send anything, to a server that is not the host it was
 * told. The application's trust comes from {@code sslContext(...)}; nothing trusts all.
 */
class MailTlsLoginTest {
    private static final String USER = "notices";
    private static final String PASSWORD = "smtp-password-7q2";

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private GreenMail smtp;
    private Pat4j pat4j;
    private SecretReference password;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
        smtp.start();
        Path file = Files.writeString(dir.resolve("smtp-password"), PASSWORD);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        password = SecretReference.parse("file:" + file);
    }

    @AfterEach
    void stop() {
        if (pat4j != null) {
            pat4j.close();
        }
        smtp.stop();
    }

    private MailNoticeSender sender(String host, String user) throws Exception {
        return MailNoticeSender.builder().smtp(host, smtp.getSmtps().getPort()).tls(TlsMode.SMTPS)
                .credentials(user, password).sslContext(trustingTheTestCertificate())
                .from("notices@acme.example").productName("Acme Git")
                .recipients(owner -> Optional.of(Recipient.of(owner + "@example.com", null))).clock(clock)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).build();
    }

    private void createToken(MailNoticeSender sender) {
        pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).notificationSender(sender).build();
        pat4j.tokens().create(NewToken.builder("alice", "ci deploy").organization("acme")
                .lifespan(Duration.ofDays(30)).scopes("code:read").build(), Actor.user("alice"));
    }

    @Test
    void theSenderLogsInOverTlsAndTheMailArrives() throws Exception {
        createToken(sender("127.0.0.1", USER));

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("New personal access token \"ci deploy\" on Acme Git");
    }

    /** The same login, configured by the settings file's pat4j.mail.* keys rather than in code. */
    @Test
    void theSettingsFileConfiguresTheServerTheLoginAndTheSender() throws Exception {
        Properties file = new Properties();
        file.setProperty("pat4j.scopes.preset", "azure-devops");
        file.setProperty("pat4j.mail.smtp.host", "127.0.0.1");
        file.setProperty("pat4j.mail.smtp.port", Integer.toString(smtp.getSmtps().getPort()));
        file.setProperty("pat4j.mail.smtp.tls", "smtps");
        file.setProperty("pat4j.mail.smtp.user", USER);
        file.setProperty("pat4j.mail.smtp.password", password.toString());
        file.setProperty("pat4j.mail.from", "notices@acme.example");
        file.setProperty("pat4j.mail.from-name", "Acme Git");
        file.setProperty("pat4j.mail.product-name", "Acme Git");
        file.setProperty("pat4j.mail.self-service-url", "https://git.acme.example/settings/tokens");
        Pat4jSettings settings = Pat4jSettings.fromProperties(file, Map.of());
        createToken(MailNoticeSender.builder(settings.mail()).sslContext(trustingTheTestCertificate())
                .recipients(owner -> Optional.of(Recipient.of(owner + "@example.com", null))).clock(clock).build());

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Acme Git <notices@acme.example>");
        assertThat(mail.getSubject()).isEqualTo("New personal access token \"ci deploy\" on Acme Git");
        assertThat(MailDeliveryTest.Parts.of(mail).text()).contains("https://git.acme.example/settings/tokens");
    }

    @Test
    void aServerWhoseCertificateNamesAnotherHostIsRefusedAndGetsNoPassword() throws Exception {
        createToken(sender("localhost", USER)); // the certificate names 127.0.0.1 only

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
        assertThat(pat4j.notices().list(NoticeState.FAILED, 10)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).doesNotContain(PASSWORD));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedLoginSendsNothingAndIsRetriedLater() throws Exception {
        createToken(sender("127.0.0.1", "someone-else"));

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
        assertThat(pat4j.notices().list(NoticeState.FAILED, 10)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).doesNotContain(PASSWORD));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private static SSLContext trustingTheTestCertificate() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = MailTlsLoginTest.class.getResourceAsStream("/tls/smtp-test.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
