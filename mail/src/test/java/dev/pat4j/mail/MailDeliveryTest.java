package dev.pat4j.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mails through the outbox to a real SMTP server in the test JVM (GreenMail on 127.0.0.1): what
 * arrives, how often, and that an outage only delays it.
 */
class MailDeliveryTest {
    static final URI TOKENS_PAGE = URI.create("https://git.acme.example/settings/tokens");

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final List<Notice> skipped = new CopyOnWriteArrayList<>();
    private final Map<String, Recipient> directory = Map.of(
            "alice", Recipient.of("alice@example.com", "Alice Example"),
            "hans", new Recipient("hans@example.de", "Hans Beispiel", Locale.GERMAN, ZoneId.of("Europe/Berlin")));
    private GreenMail smtp;
    private int port;
    private Pat4j pat4j;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        port = smtp.getSmtp().getPort();
    }

    @AfterEach
    void stop() {
        if (pat4j != null) {
            pat4j.close();
        }
        smtp.stop();
    }

    private MailNoticeSender.Builder sender() {
        return MailNoticeSender.builder().smtp("127.0.0.1", port).tls(TlsMode.NONE)
                .from("notices@acme.example", "Acme Git").productName("Acme Git").selfServiceUrl(TOKENS_PAGE)
                .recipients(owner -> Optional.ofNullable(directory.get(owner))).clock(clock)
                .connectTimeout(Duration.ofSeconds(2)).onSkipped(skipped::add);
    }

    private Pat4j pat4j(MailNoticeSender sender) {
        pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).notificationSender(sender).build();
        return pat4j;
    }

    private static IssuedToken createForAlice(Pat4j pat4j, String name, Duration lifespan) {
        return pat4j.tokens().create(NewToken.builder("alice", name).organization("acme").lifespan(lifespan)
                .scopes("code:read", "build:read").createdVia("terraform: deploy pipeline").build(),
                Actor.administrator("bob"));
    }

    @Test
    void theCreationMailArrivesOnceWithTheFactsInBothParts() throws Exception {
        Pat4j pat4j = pat4j(sender().build());
        IssuedToken issued = createForAlice(pat4j, "ci deploy", Duration.ofDays(30));

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];

        assertThat(mail.getSubject()).isEqualTo("New personal access token \"ci deploy\" on Acme Git");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Acme Git <notices@acme.example>");
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString())
                .isEqualTo("Alice Example <alice@example.com>");
        assertThat(mail.getMessageID()).isEqualTo("<pat4j." + issued.info().id() + ".created@acme.example>");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(Fixtures.START);

        Parts parts = Parts.of(mail);
        for (String part : List.of(parts.text(), parts.html())) {
            assertThat(part).contains("Alice Example", "ci deploy", issued.info().id(), "acme", "build:read",
                    "code:read", "terraform: deploy pipeline", "January 1, 2030", "January 31, 2030",
                    "An administrator or a tool might have created a personal access token on your behalf",
                    "If you do not recognise this token, revoke it", TOKENS_PAGE.toString());
        }
        assertThat(parts.text()).contains("Created by:     bob, through terraform: deploy pipeline",
                "It was created by bob on your behalf, not by you.", "Your tokens: " + TOKENS_PAGE);
        assertThat(parts.html()).contains("<a href=\"" + TOKENS_PAGE + "\"", "<code style=\"background:#eff1f3;"
                + "padding:1px 4px;border-radius:4px\">code:read</code>", "<strong>bob</strong> on your behalf");
        assertSecretIsNowhere(mail, issued);
    }

    @Test
    void theExpiryMailArrivesOnceInTheWindowAndSaysHowLongIsLeft() throws Exception {
        Pat4j pat4j = pat4j(sender().build());
        IssuedToken issued = createForAlice(pat4j, "nightly backup", Duration.ofDays(10));
        pat4j.notices().deliverDue();
        clock.advance(Duration.ofDays(3).plusHours(1)); // inside the default 7-day window

        assertThat(pat4j.notices().raiseExpiring()).isEqualTo(1);
        assertThat(pat4j.notices().raiseExpiring()).isZero();
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        clock.advance(Duration.ofHours(1));
        assertThat(pat4j.notices().raiseExpiring()).isZero();
        assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[1];
        assertThat(mail.getSubject()).isEqualTo("Your personal access token \"nightly backup\" expires on January 11, 2030");
        assertThat(mail.getMessageID()).isEqualTo("<pat4j." + issued.info().id() + ".expiring.7d."
                + issued.info().expiresAt().toEpochMilli() + "@acme.example>");
        Parts parts = Parts.of(mail);
        assertThat(parts.text()).contains("expires on January 11, 2030 at 12:00:00 AM UTC, in 7 days.",
                "Anything that uses it will stop working then");
        assertThat(parts.html()).contains("expires on <strong>January 11, 2030 at 12:00:00 AM UTC</strong>, in 7 days.");
        assertSecretIsNowhere(mail, issued);
    }

    /**
     * The server is down when the expiry window opens: the notice fails and waits, nothing is
     * lost; once the server is back and the backoff has passed, the mail arrives, once.
     */
    @Test
    void anSmtpOutageInTheExpiryWindowDelaysTheMailWhichArrivesOnceAfterRecovery() throws Exception {
        Pat4j pat4j = pat4j(sender().build());
        IssuedToken issued = createForAlice(pat4j, "release bot", Duration.ofDays(10));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        smtp.stop();

        clock.advance(Duration.ofDays(3).plusHours(1));
        assertThat(pat4j.notices().raiseExpiring()).isEqualTo(1);
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
        List<OutboxEntry> failed = pat4j.notices().list(NoticeState.FAILED, 10);
        assertThat(failed).singleElement().satisfies(e -> {
            assertThat(e.notice().key()).startsWith(issued.info().id() + ":expiring:7d:");
            assertThat(e.lastError()).startsWith("mail failed: ").contains("MailConnectException");
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(pat4j.notices().deliverDue()).as("retried, the server still down").isEqualTo(new DeliveryReport(0, 1));

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(pat4j.notices().deliverDue()).as("the second backoff (2 minutes) has not passed")
                .isEqualTo(DeliveryReport.NONE);
        clock.advance(Duration.ofMinutes(2));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        clock.advance(Duration.ofDays(1));
        assertThat(pat4j.notices().raiseExpiring()).isZero();
        assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).as("the restarted server got the expiry mail, once").hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Your personal access token \"release bot\" expires on January 11, 2030");
        assertThat(Parts.of(received[0]).text()).as("how long is left, as of the delayed delivery")
                .contains("in 7 days");
        assertThat(received[0].getSentDate().toInstant()).isEqualTo(Fixtures.START.plus(Duration.ofDays(3)
                .plusHours(1).plusMinutes(3)));
    }

    @Test
    void datesFollowTheRecipientsLocaleAndZone() throws Exception {
        Pat4j pat4j = pat4j(sender().build());
        pat4j.tokens().create(NewToken.builder("hans", "laptop").allOrganizations().lifespan(Duration.ofDays(30))
                .scopes("code:read").build(), Actor.user("hans"));
        pat4j.notices().deliverDue();

        MimeMessage mail = smtp.getReceivedMessages()[0];
        Parts parts = Parts.of(mail);
        assertThat(parts.text()).contains("31. Januar 2030 um 01:00:00 MEZ", "all organizations")
                .doesNotContain("on your behalf, not by you", "through");
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("Hans Beispiel <hans@example.de>");
    }

    @Test
    void everyValueIsEscapedInTheHtmlPart() throws Exception {
        Pat4j pat4j = pat4j(sender().build());
        IssuedToken issued = createForAlice(pat4j, "<img src=x onerror=alert(1)> & \"quotes\"", Duration.ofDays(30));
        pat4j.notices().deliverDue();

        MimeMessage mail = smtp.getReceivedMessages()[0];
        Parts parts = Parts.of(mail);
        assertThat(parts.html()).doesNotContain("<img").contains("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;quotes&quot;");
        assertThat(parts.text()).contains("<img src=x onerror=alert(1)> & \"quotes\"");
        assertThat(mail.getSubject()).isEqualTo("New personal access token \"<img src=x onerror=alert(1)> & \"quotes\"\" on Acme Git");
        assertSecretIsNowhere(mail, issued);
    }

    @Test
    void anOwnerWithoutAnAddressIsSkippedAndReportedNotRetried() throws Exception {
        Pat4j pat4j = pat4j(sender().build());
        Fixtures.create(pat4j, "carol", "acme", Duration.ofDays(30), "code:read");

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(skipped).singleElement().satisfies(n -> assertThat(n.token().owner()).isEqualTo("carol"));
        clock.advance(Duration.ofHours(2));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);
    }

    @Test
    void aResolverThatFailsLeavesTheNoticeToBeRetried() throws Exception {
        boolean[] directoryUp = {false};
        Pat4j pat4j = pat4j(sender().recipients(owner -> {
            if (!directoryUp[0]) {
                throw new IllegalStateException("directory unavailable");
            }
            return Optional.of(directory.get(owner));
        }).build());
        createForAlice(pat4j, "ci deploy", Duration.ofDays(30));

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
        directoryUp[0] = true;
        clock.advance(Duration.ofMinutes(1));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(skipped).isEmpty();
    }

    @Test
    void requiredStartTlsRefusesAServerWithoutItAndSendsNothing() throws Exception {
        Pat4j pat4j = pat4j(sender().tls(TlsMode.STARTTLS).build());
        createForAlice(pat4j, "ci deploy", Duration.ofDays(30));

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
        assertThat(pat4j.notices().list(NoticeState.FAILED, 10)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).containsIgnoringCase("STARTTLS"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void theApplicationReplacesOneTemplateFileAndKeepsTheOthers() throws Exception {
        Pat4j pat4j = pat4j(sender().templates(MailTemplates.fromResources(getClass().getClassLoader(),
                "acme-mail/")).build());
        createForAlice(pat4j, "ci deploy", Duration.ofDays(30));
        pat4j.notices().deliverDue();

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[Acme] new token: ci deploy");
        assertThat(Parts.of(mail).text()).startsWith("Hello Alice Example,")
                .contains("A personal access token was created for your account on Acme Git.");
    }

    /** Neither the token nor its secret part is in any header or part, raw or decoded. */
    static void assertSecretIsNowhere(MimeMessage mail, IssuedToken issued) throws Exception {
        String token = issued.token();
        String secret = token.substring(token.indexOf('_') + 1 + 12, token.length() - 6);
        assertThat(secret).hasSizeGreaterThan(16);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        Parts parts = Parts.of(mail);
        for (String text : List.of(raw.toString(StandardCharsets.UTF_8), parts.text(), parts.html(), mail.getSubject())) {
            assertThat(text).doesNotContain(token).doesNotContain(secret);
        }
    }

    /** The two parts of a {@code multipart/alternative} mail, checked to be text then HTML. */
    record Parts(String text, String html) {
        static Parts of(MimeMessage mail) throws Exception {
            assertThat(mail.getContentType()).startsWith("multipart/alternative");
            MimeMultipart multipart = (MimeMultipart) mail.getContent();
            assertThat(multipart.getCount()).isEqualTo(2);
            BodyPart text = multipart.getBodyPart(0);
            BodyPart html = multipart.getBodyPart(1);
            assertThat(text.getContentType()).startsWith("text/plain").contains("UTF-8");
            assertThat(html.getContentType()).startsWith("text/html").contains("UTF-8");
            return new Parts((String) text.getContent(), (String) html.getContent());
        }
    }
}
