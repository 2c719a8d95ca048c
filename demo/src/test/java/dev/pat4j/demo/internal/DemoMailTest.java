package dev.pat4j.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code pat demo}'s mail channel: the mail text on the console and, with {@code --smtp}, on a real SMTP server. */
class DemoMailTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);

    @Test
    void eachNoticesMailIsPrintedAndSentToTheSmtpServerGiven() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        StringWriter console = new StringWriter();
        DemoMail mail = new DemoMail(new PrintWriter(console));
        mail.sendTo("127.0.0.1:" + smtp.getSmtp().getPort());
        try (Pat4j pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).notificationSender(mail).build()) {
            IssuedToken issued = pat4j.tokens().create(NewToken.builder("demo", "pat demo").organization("demo")
                    .lifespan(Duration.ofDays(7)).scopes("code:read").build(), Actor.administrator("pat-demo"));
            assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));

            String printed = console.toString();
            assertThat(printed).contains("mail: To: demo <demo@example.com> (sent by SMTP)",
                    "mail: Subject: New personal access token \"pat demo\" on pat demo",
                    "A personal access token was created for your account on pat demo.",
                    "It was created by pat-demo on your behalf, not by you.",
                    "An administrator or a tool might have created a personal access token on your behalf")
                    .doesNotContain(issued.token());
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo("New personal access token \"pat demo\" on pat demo");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aMalformedSmtpOptionIsRefused() {
        DemoMail mail = new DemoMail(new PrintWriter(new StringWriter()));
        for (String bad : new String[] {"localhost", "localhost:", ":25", "localhost:99999", "local host:25"}) {
            assertThatThrownBy(() -> mail.sendTo(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
