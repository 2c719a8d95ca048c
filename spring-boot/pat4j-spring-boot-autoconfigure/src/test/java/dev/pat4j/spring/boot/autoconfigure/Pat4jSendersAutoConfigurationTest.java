package dev.pat4j.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.mail.MailNoticeSender;
import dev.pat4j.mail.Recipient;
import dev.pat4j.mail.RecipientResolver;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.settings.SecretReference;
import dev.pat4j.webhooks.WebhookNoticeSender;
import dev.pat4j.webhooks.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The senders the {@code pat4j.mail.*} and {@code pat4j.webhooks.*} properties describe: none
 * without them; a webhook sender that the outbox really delivers to (a JDK HTTP server in the
 * test, signatures verified); a mail sender only with the application's recipient resolver, and
 * start-up refused without one.
 */
class Pat4jSendersAutoConfigurationTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32});

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Pat4jAutoConfiguration.class, Pat4jSendersAutoConfiguration.class,
                    Pat4jTasksAutoConfiguration.class))
            .withPropertyValues("pat4j.scopes.preset=azure-devops");

    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private Path secretFile;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            received.add(Map.of("webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        secretFile = Files.writeString(dir.resolve("webhook-secret"), SECRET);
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void withoutTheirPropertiesThereIsNoSender() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(MailNoticeSender.class).doesNotHaveBean(WebhookNoticeSender.class);
        });
    }

    @Test
    void theWebhookPropertiesMakeASenderTheOutboxDeliversTo() {
        runner.withPropertyValues("pat4j.webhooks.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "pat4j.webhooks.secret=file:" + secretFile, "pat4j.webhooks.kinds=created").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WebhookNoticeSender.class);
            Pat4j pat4j = context.getBean(Pat4j.class);
            IssuedToken issued = pat4j.tokens().create(NewToken.builder("alice", "ci").organization("acme")
                    .lifespan(Duration.ofDays(30)).scopes("code:read").build(), Actor.user("alice"));
            // the scheduled delivery may have taken it already; either way it arrives once
            pat4j.notices().deliverDue();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);

            assertThat(received).singleElement().satisfies(headers ->
                    assertThat(headers.get("webhook-id")).isEqualTo(issued.info().id() + ":created"));
            WebhookVerifier.create(SecretReference.parse("file:" + secretFile))
                    .verify(received.get(0)::get, bodies.get(0));
        });
    }

    @Test
    void aMailServerWithoutARecipientResolverFailsStartUp() {
        runner.withPropertyValues("pat4j.mail.smtp.host=127.0.0.1", "pat4j.mail.from=notices@acme.example")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("no RecipientResolver bean"));
    }

    @Test
    void theMailPropertiesAndTheApplicationsResolverMakeAMailSender() {
        runner.withPropertyValues("pat4j.mail.smtp.host=127.0.0.1", "pat4j.mail.from=notices@acme.example",
                        "pat4j.mail.kinds=created,leaked")
                .withBean(RecipientResolver.class, () -> owner -> Optional.of(Recipient.of(owner + "@acme.example", null)))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MailNoticeSender.class);
                    MailNoticeSender mail = context.getBean(MailNoticeSender.class);
                    assertThat(mail.sends(NoticeKind.LEAKED)).isTrue();
                    assertThat(mail.sends(NoticeKind.EXPIRING)).as("not among pat4j.mail.kinds").isFalse();
                });
    }

    @Test
    void aMistypedMailKeyFailsStartUp() {
        runner.withPropertyValues("pat4j.mail.smtp.hots=127.0.0.1")
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("hots"));
    }
}
