package dev.pat4j.webhooks;

import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.settings.SecretReference;
import dev.pat4j.webhooks.internal.NoticeJson;
import dev.pat4j.webhooks.internal.Signatures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * POSTs each notice as JSON to the configured endpoints, signed as the
 * <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> specification describes:
 * {@code webhook-id} is the notice's idempotency key (the same on every attempt and every node,
 * so a receiver drops a repeat), {@code webhook-timestamp} the sending time in seconds, and
 * {@code webhook-signature} {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}
 * with the {@code whsec_} secret's key. A notice is delivered once every endpoint answered 2xx;
 * any other answer, a refused connection or a timeout fails it, and the outbox tries it again
 * after its backoff (at every endpoint: receivers drop the repeat by {@code webhook-id}; register
 * one sender per endpoint, each under its own name, to retry endpoints apart).
 *
 * <p>Endpoints are {@code https}, or {@code http} on a loopback address; redirects are not
 * followed. Thread-safe. {@link #toString()} names the secret's reference, never the secret, and
 * the endpoints without their queries.
 */
public final class WebhookNoticeSender implements NotificationSender {
    /** How long connecting may take by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long an endpoint may take to answer by default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<URI> endpoints;
    private final SecretReference secretReference;
    private final byte[] key;
    private final Set<NoticeKind> kinds;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient http;
    private final NoticeJson json = new NoticeJson();

    private WebhookNoticeSender(Builder b, byte[] key) {
        this.name = b.name;
        this.endpoints = List.copyOf(b.endpoints);
        this.secretReference = Objects.requireNonNull(b.secret);
        this.key = key;
        this.kinds = b.kinds == null ? Set.of() : Set.copyOf(b.kinds);
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A builder: at least one endpoint and the secret are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the settings file's {@code pat4j.webhooks.*} (URL, signing secret,
     * kinds); the application may change anything before {@link Builder#build()}.
     *
     * @throws IllegalArgumentException if the settings name no webhook URL
     */
    public static Builder builder(Pat4jSettings.Webhooks settings) {
        URI url = settings.url();
        SecretReference secret = settings.secret();
        if (url == null || secret == null) {
            throw new IllegalArgumentException("the settings name no webhook (pat4j.webhooks.url)");
        }
        Builder b = builder().endpoint(url).secret(secret);
        if (!settings.kinds().isEmpty()) {
            b.kinds(settings.kinds().stream().map(NoticeKind::new).toArray(NoticeKind[]::new));
        }
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    /** Every kind, unless {@link Builder#kinds} named some. */
    @Override
    public boolean sends(NoticeKind kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    /**
     * POSTs the notice to every endpoint, returning once each answered 2xx.
     *
     * @throws WebhookDeliveryException if an endpoint answered otherwise, or not in time
     * @throws InterruptedException if interrupted while waiting for an answer
     */
    @Override
    public void send(Notice notice) throws WebhookDeliveryException, InterruptedException {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] body = json.body(notice, clock.instant());
        String signature = Signatures.header(key, notice.key(), timestamp, body);
        for (URI endpoint : endpoints) {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "pat4j-webhooks")
                    .header("webhook-id", notice.key())
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (HttpTimeoutException e) {
                throw new WebhookDeliveryException(shown(endpoint) + " did not answer in " + requestTimeout, 0, e);
            } catch (IOException e) {
                throw new WebhookDeliveryException(shown(endpoint) + " could not be reached ("
                        + e.getClass().getSimpleName() + ")", 0, e);
            }
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw new WebhookDeliveryException(shown(endpoint) + " answered " + status, status);
            }
        }
    }

    /** An endpoint as messages show it: without its query or fragment, which may hold a credential. */
    private static String shown(URI u) {
        return u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    @Override
    public String toString() {
        return "WebhookNoticeSender[name=" + name + ", endpoints=" + endpoints.stream().map(WebhookNoticeSender::shown)
                .toList() + ", secret=" + secretReference + ", kinds="
                + (kinds.isEmpty() ? "all" : kinds.stream().map(NoticeKind::name).sorted().toList().toString()) + "]";
    }

    /**
     * Builds a {@link WebhookNoticeSender}; each setter checks its argument at once and
     * {@link #build()} checks them together. Not thread-safe.
     */
    public static final class Builder {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
        private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

        private String name = "webhook";
        private final Set<URI> endpoints = new LinkedHashSet<>();
        private @Nullable SecretReference secret;
        private @Nullable Set<NoticeKind> kinds;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The channel's name in the outbox (default {@code webhook}); as a {@link NoticeKind}'s name. */
        public Builder name(String name) {
            if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException("a sender's name is [a-z][a-z0-9-]{0,39}, not \"" + name + "\"");
            }
            this.name = name;
            return this;
        }

        /**
         * Adds an endpoint: an absolute {@code https} URL, or {@code http} on a loopback address
         * (a receiver on the same host), without user information.
         */
        public Builder endpoint(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new IllegalArgumentException("a webhook endpoint is an absolute https URL without user information");
            }
            if (scheme.equals("http") && !loopback(url.getHost())) {
                throw new IllegalArgumentException("a webhook endpoint is https; plain http only on a loopback address");
            }
            endpoints.add(url);
            return this;
        }

        private static boolean loopback(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (h.equalsIgnoreCase("localhost")) {
                return true;
            }
            if (!h.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                return false; // a name that would need a DNS lookup: not trusted to stay on this host
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /** The signing secret, {@code whsec_} and base64, by reference ({@code env:PAT4J_WEBHOOK_SECRET}); read by {@link #build()}. */
        public Builder secret(SecretReference secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** The kinds of notice sent; default every kind, those later features add included. */
        public Builder kinds(NoticeKind... kinds) {
            if (kinds.length == 0) {
                throw new IllegalArgumentException("name at least one kind of notice to send");
            }
            this.kinds = Set.copyOf(new ArrayList<>(List.of(kinds)));
            return this;
        }

        /** How long connecting may take (default 5 seconds, at most 2 minutes). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout("connectTimeout", timeout);
            return this;
        }

        /** How long an endpoint may take to answer, once connected (default 10 seconds, at most 2 minutes). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout("requestTimeout", timeout);
            return this;
        }

        /** The clock of {@code webhook-timestamp} (default the system's). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static Duration timeout(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.toMillis() <= 0 || d.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(what + " is from 1 ms to 2 minutes, not " + d);
            }
            return d;
        }

        /**
         * The sender; reads the secret now.
         *
         * @throws IllegalStateException if no endpoint or no secret was given
         * @throws dev.pat4j.settings.SettingsException if the secret cannot be read
         * @throws IllegalArgumentException if the secret is not {@code whsec_} and base64 of 24 to 64 bytes
         */
        public WebhookNoticeSender build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("at least one endpoint is required: call endpoint(url)");
            }
            if (secret == null) {
                throw new IllegalStateException("the signing secret is required: call secret(env:NAME or file:PATH)");
            }
            byte[] raw = secret.read();
            try {
                return new WebhookNoticeSender(this, Signatures.key(raw));
            } finally {
                java.util.Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
