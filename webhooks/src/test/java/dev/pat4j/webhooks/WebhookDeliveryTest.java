package dev.pat4j.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.settings.SecretReference;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks through the outbox to real HTTP receivers (the JDK's HttpServer on 127.0.0.1): the
 * signature verifies and tampering does not, a 500 is retried, and a receiver that never answers
 * times out without holding up another channel.
 */
class WebhookDeliveryTest {
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(random(32));

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final List<Receiver> receivers = new ArrayList<>();
    private Pat4j pat4j;

    @AfterEach
    void stop() {
        if (pat4j != null) {
            pat4j.close();
        }
        receivers.forEach(Receiver::close);
    }

    static SecretReference secret(String value) {
        return SecretReference.parse("env:PAT4J_WEBHOOK_SECRET", Map.of("PAT4J_WEBHOOK_SECRET", value));
    }

    private WebhookNoticeSender.Builder sender(Receiver receiver) {
        return WebhookNoticeSender.builder().endpoint(receiver.url()).secret(secret(SECRET)).clock(clock)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5));
    }

    private Pat4j pat4j(NotificationSender... senders) {
        Pat4j.Builder b = Fixtures.builder(clock, new InMemoryTokenStore());
        for (NotificationSender s : senders) {
            b.notificationSender(s);
        }
        pat4j = b.build();
        return pat4j;
    }

    private Receiver receiver(int... statuses) throws IOException {
        Receiver r = new Receiver(statuses);
        receivers.add(r);
        return r;
    }

    private IssuedToken create(Pat4j pat4j, String name) {
        return pat4j.tokens().create(NewToken.builder("alice", name).organization("acme").lifespan(Duration.ofDays(30))
                .scopes("code:read").createdVia("terraform").build(), Actor.administrator("bob"));
    }

    @Test
    void eachNoticeArrivesAsSignedJsonThatVerifies() throws Exception {
        Receiver receiver = receiver(204);
        Pat4j pat4j = pat4j(sender(receiver).build());
        IssuedToken issued = create(pat4j, "ci deploy");

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        assertThat(receiver.requests).hasSize(1);
        Request r = receiver.requests.get(0);
        assertThat(r.header("webhook-id")).isEqualTo(issued.info().id() + ":created");
        assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(Fixtures.START.getEpochSecond()));
        assertThat(r.header("webhook-signature")).startsWith("v1,");
        assertThat(r.header("content-type")).isEqualTo("application/json");

        WebhookVerifier verifier = WebhookVerifier.create(secret(SECRET)).withClock(clock);
        verifier.verify(r::header, r.body);

        JsonNode json = JsonMapper.builder().build().readTree(r.body);
        assertThat(json.get("type").asString()).isEqualTo("pat4j.notice.created");
        assertThat(json.get("timestamp").asString()).isEqualTo("2030-01-01T00:00:00Z");
        JsonNode data = json.get("data");
        assertThat(data.get("key").asString()).isEqualTo(issued.info().id() + ":created");
        assertThat(data.get("threshold").isNull()).isTrue();
        JsonNode token = data.get("token");
        assertThat(token.get("id").asString()).isEqualTo(issued.info().id());
        assertThat(token.get("name").asString()).isEqualTo("ci deploy");
        assertThat(token.get("owner").asString()).isEqualTo("alice");
        assertThat(token.get("organization").asString()).isEqualTo("acme");
        assertThat(token.get("scopes").get(0).asString()).isEqualTo("code:read");
        assertThat(token.get("createdBy").asString()).isEqualTo("bob");
        assertThat(token.get("createdVia").asString()).isEqualTo("terraform");
        assertThat(token.get("expiresAt").asString()).isEqualTo("2030-01-31T00:00:00Z");
        assertThat(token.get("state").asString()).isEqualTo("active");
        String body = new String(r.body, StandardCharsets.UTF_8);
        String secretPart = issued.token().substring(issued.token().indexOf('_') + 13, issued.token().length() - 6);
        assertThat(body).doesNotContain(issued.token()).doesNotContain(secretPart);
        assertThat(r.headers.toString()).doesNotContain(secretPart).doesNotContain(SECRET);
    }

    /** The settings file names the receiver, the secret (by reference) and the kinds: leaked only, so a creation posts nothing. */
    @Test
    void aSenderFromTheSettingsFilePostsTheKindsItNames() throws Exception {
        Receiver receiver = receiver(204);
        Properties file = new Properties();
        file.setProperty("pat4j.scopes.preset", "azure-devops");
        file.setProperty("pat4j.webhooks.url", receiver.url().toString());
        file.setProperty("pat4j.webhooks.secret", "env:ACME_HOOK_SECRET");
        file.setProperty("pat4j.webhooks.kinds", "leaked, revoked-by-administrator");
        Pat4jSettings settings = Pat4jSettings.fromProperties(file, Map.of("ACME_HOOK_SECRET", SECRET));
        Pat4j pat4j = pat4j(WebhookNoticeSender.builder(settings.webhooks()).clock(clock).build());

        IssuedToken issued = create(pat4j, "ci deploy");
        pat4j.notices().deliverDue(); // done for this sender without a request: not a kind it posts
        assertThat(receiver.requests).as("created: not a kind it posts").isEmpty();
        pat4j.tokens().revoke(issued.info().id(), Actor.administrator("root"));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));

        assertThat(receiver.requests).singleElement().satisfies(r -> {
            assertThat(r.header("webhook-id")).isEqualTo(issued.info().id() + ":revoked-by-administrator");
            WebhookVerifier.create(secret(SECRET)).withClock(clock).verify(r::header, r.body);
        });
    }

    @Test
    void aTamperedBodyAForgedTimestampAnOldRequestOrAnotherSecretFailVerification() throws Exception {
        Receiver receiver = receiver(200);
        Pat4j pat4j = pat4j(sender(receiver).build());
        create(pat4j, "ci deploy");
        pat4j.notices().deliverDue();
        Request r = receiver.requests.get(0);
        WebhookVerifier verifier = WebhookVerifier.create(secret(SECRET)).withClock(clock);
        String id = r.header("webhook-id");
        String ts = r.header("webhook-timestamp");
        String sig = r.header("webhook-signature");

        byte[] tampered = new String(r.body, StandardCharsets.UTF_8).replace("ci deploy", "ci deplox")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(id, ts, sig, tampered)).isInstanceOf(WebhookVerificationException.class)
                .hasMessage("no signature in webhook-signature matches");
        String earlier = Long.toString(Long.parseLong(ts) - 1);
        assertThatThrownBy(() -> verifier.verify(id, earlier, sig, r.body)).isInstanceOf(WebhookVerificationException.class)
                .hasMessage("no signature in webhook-signature matches");
        assertThatThrownBy(() -> verifier.verify(id + "x", ts, sig, r.body)).isInstanceOf(WebhookVerificationException.class);

        verifier.withClock(java.time.Clock.fixed(Fixtures.START.plus(Duration.ofMinutes(5)), java.time.ZoneOffset.UTC))
                .verify(id, ts, sig, r.body);
        WebhookVerifier later = verifier.withClock(java.time.Clock.fixed(Fixtures.START.plus(Duration.ofMinutes(5))
                .plusSeconds(1), java.time.ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(id, ts, sig, r.body)).isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("outside the tolerance");
        WebhookVerifier earlierClock = verifier.withClock(java.time.Clock.fixed(Fixtures.START.minus(Duration.ofMinutes(6)),
                java.time.ZoneOffset.UTC));
        assertThatThrownBy(() -> earlierClock.verify(id, ts, sig, r.body)).as("a timestamp from the future")
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("outside the tolerance");

        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(random(32));
        assertThatThrownBy(() -> WebhookVerifier.create(secret(otherSecret)).withClock(clock).verify(id, ts, sig, r.body))
                .isInstanceOf(WebhookVerificationException.class);
        // a sender rotating its secret sends two signatures; one matching is enough
        verifier.verify(id, ts, "v1,bm90IHRoZSBzaWduYXR1cmU= v1a,ignored " + sig, r.body);
        assertThatThrownBy(() -> verifier.verify(id, ts, "v1,%%%not-base64 v1,AAAA", r.body))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(id, null, sig, r.body)).isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("webhook-timestamp");
        assertThatThrownBy(() -> verifier.verify(id, "1e9", sig, r.body)).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(id, ts, null, r.body)).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(null, ts, sig, r.body)).isInstanceOf(WebhookVerificationException.class);
        assertThat(verifier.toString()).doesNotContain(SECRET.substring(6));
    }

    @Test
    void aServerErrorIsRetriedUnderTheSameWebhookId() throws Exception {
        Receiver receiver = receiver(500, 200);
        Pat4j pat4j = pat4j(sender(receiver).build());
        IssuedToken issued = create(pat4j, "ci deploy");

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 1));
        assertThat(pat4j.notices().list(NoticeState.FAILED, 10)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).startsWith("webhook failed: ")
                        .endsWith("answered 500"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(1, 0));
        assertThat(receiver.requests).hasSize(2);
        WebhookVerifier verifier = WebhookVerifier.create(secret(SECRET)).withClock(clock);
        for (Request r : receiver.requests) {
            assertThat(r.header("webhook-id")).isEqualTo(issued.info().id() + ":created");
            verifier.verify(r::header, r.body);
        }
        clock.advance(Duration.ofHours(1));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);
        assertThat(receiver.requests).hasSize(2);
        assertThat(receiver.requests.get(1).header("webhook-timestamp")).as("signed anew when sent again")
                .isEqualTo(Long.toString(Fixtures.START.plus(Duration.ofMinutes(1)).getEpochSecond()));
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndDoesNotHoldUpAnotherChannel() throws Exception {
        Receiver hanging = receiver(204);
        hanging.hang();
        Receiver healthy = receiver(204);
        WebhookNoticeSender slow = sender(hanging).name("webhook-slow").requestTimeout(Duration.ofMillis(300)).build();
        WebhookNoticeSender ok = sender(healthy).name("webhook-ok").build();
        Pat4j pat4j = pat4j(slow, ok);
        for (int i = 0; i < 3; i++) {
            create(pat4j, "token " + i);
        }

        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(0, 3));
        assertThat(healthy.requests).as("the other channel delivered every notice meanwhile").hasSize(3);
        List<OutboxEntry> failed = pat4j.notices().list(NoticeState.FAILED, 10);
        assertThat(failed).hasSize(3).allSatisfy(e -> {
            assertThat(e.deliveredTo()).containsExactly("webhook-ok");
            assertThat(e.lastError()).startsWith("webhook-slow failed: ").contains("did not answer in PT0.3S");
        });

        hanging.answer();
        clock.advance(Duration.ofMinutes(1));
        assertThat(pat4j.notices().deliverDue()).isEqualTo(new DeliveryReport(3, 0));
        assertThat(healthy.requests).as("not called again for what it delivered").hasSize(3);
        assertThat(hanging.answered.get()).isGreaterThanOrEqualTo(3);
        assertThat(pat4j.notices().list(NoticeState.DELIVERED, 10)).hasSize(3)
                .allSatisfy(e -> assertThat(e.deliveredTo()).containsExactly("webhook-ok", "webhook-slow"));
    }

    @Test
    void theBuilderRefusesUnsafeEndpointsAndBadSecretsAndNeverShowsTheSecret() throws Exception {
        WebhookNoticeSender.Builder b = WebhookNoticeSender.builder();
        assertThatThrownBy(() -> b.endpoint(URI.create("http://hooks.acme.example/pat4j")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> b.endpoint(URI.create("https://user:pw@hooks.acme.example/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint(URI.create("ftp://hooks.acme.example/"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookNoticeSender.builder().secret(secret(SECRET)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("endpoint");
        URI endpoint = URI.create("https://hooks.acme.example/pat4j?token=query-credential");
        assertThatThrownBy(() -> WebhookNoticeSender.builder().endpoint(endpoint).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> WebhookNoticeSender.builder().endpoint(endpoint).secret(secret("plain-password-1234567890")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whsec_")
                .message().doesNotContain("plain-password");
        assertThatThrownBy(() -> WebhookNoticeSender.builder().endpoint(endpoint).secret(secret("whsec_c2hvcnQ=")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 to 64 bytes");
        WebhookNoticeSender sender = WebhookNoticeSender.builder().endpoint(endpoint).secret(secret(SECRET)).build();
        assertThat(sender.toString()).contains("https://hooks.acme.example/pat4j", "env:PAT4J_WEBHOOK_SECRET")
                .doesNotContain("query-credential").doesNotContain(SECRET.substring(6));
        assertThat(WebhookNoticeSender.builder().endpoint(URI.create("http://127.0.0.1:8080/hook"))
                .endpoint(URI.create("http://[::1]:8080/hook")).endpoint(URI.create("http://localhost/hook"))
                .secret(secret(SECRET)).build().name()).isEqualTo("webhook");
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** One request as the receiver got it. */
    record Request(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /**
     * A webhook receiver on 127.0.0.1: records each request and answers the given statuses in
     * turn (the last one from then on); while hanging, it holds every request without answering.
     */
    static final class Receiver implements AutoCloseable {
        final List<Request> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger answered = new AtomicInteger();
        private final int[] statuses;
        private final AtomicInteger next = new AtomicInteger();
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private volatile CountDownLatch hold = new CountDownLatch(0);

        Receiver(int... statuses) throws IOException {
            this.statuses = statuses;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        void hang() {
            hold = new CountDownLatch(1);
        }

        void answer() {
            hold.countDown();
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                if (!hold.await(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body));
            int status = statuses[Math.min(next.getAndIncrement(), statuses.length - 1)];
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            answered.incrementAndGet();
        }

        @Override
        public void close() {
            hold.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
