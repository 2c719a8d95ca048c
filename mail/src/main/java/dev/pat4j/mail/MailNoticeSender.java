package dev.pat4j.mail;

import dev.pat4j.mail.internal.KeyedMimeMessage;
import dev.pat4j.mail.internal.MessageIds;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.settings.SecretReference;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails each notice to its token's owner over SMTP (Jakarta Mail on Eclipse Angus): a
 * {@code multipart/alternative} message with a plain-text and an HTML part from
 * {@link MailTemplates}, to the address a {@link RecipientResolver} gives for the owner.
 * Register it with {@code Pat4j.builder().notificationSender(...)}; the outbox retries a notice
 * whose mail the server did not accept.
 *
 * <p>Every attempt at one notice carries the same {@code Message-ID}, made from the notice's
 * idempotency key ({@code <pat4j.TOKEN.created@example.com>}), so a mail delivered twice (the
 * outbox is at least once) shows as one in the recipient's client, and a relay can drop the
 * repeat. A mail never holds a token or its secret: a notice has neither.
 *
 * <p>Thread-safe: each mail goes over its own SMTP connection. {@link #toString()} shows the
 * password's reference, never the password.
 */
public final class MailNoticeSender implements NotificationSender {
    private static final Logger LOG = LoggerFactory.getLogger(MailNoticeSender.class);
    /** The kinds pat4j raises, which the shipped templates cover: mailed unless {@link Builder#kinds} says otherwise. */
    public static final Set<NoticeKind> DEFAULT_KINDS = Set.of(NoticeKind.CREATED, NoticeKind.EXPIRING,
            NoticeKind.EXPIRED, NoticeKind.REVOKED_BY_ADMINISTRATOR, NoticeKind.LEAKED);
    /** How long connecting may take by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one read or one write on the connection may take by default. */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final String host;
    private final int port;
    private final TlsMode tls;
    private final @Nullable String user;
    private final @Nullable SecretReference passwordReference;
    private final @Nullable String password;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final RecipientResolver recipients;
    private final Set<NoticeKind> kinds;
    private final Set<Duration> thresholds;
    private final MailTemplates templates;
    private final String productName;
    private final @Nullable URI selfServiceUrl;
    private final Locale locale;
    private final ZoneId zone;
    private final Clock clock;
    private final Consumer<Notice> onSkipped;
    private final Session session;

    private MailNoticeSender(Builder b, TlsMode tls, int port, @Nullable String password, InternetAddress from) {
        this.name = b.name;
        this.host = Objects.requireNonNull(b.host);
        this.port = port;
        this.tls = tls;
        this.user = b.user;
        this.passwordReference = b.password;
        this.password = password;
        this.from = from;
        this.messageIdDomain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        this.recipients = Objects.requireNonNull(b.recipients);
        this.kinds = Set.copyOf(b.kinds);
        this.thresholds = Set.copyOf(b.thresholds);
        this.templates = b.templates;
        this.productName = b.productName;
        this.selfServiceUrl = b.selfServiceUrl;
        this.locale = b.locale;
        this.zone = b.zone;
        this.clock = b.clock;
        this.onSkipped = b.onSkipped;
        this.session = Session.getInstance(properties(b, tls, port, from));
    }

    /** A builder: {@code smtp}, {@code from} and {@code recipients} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the settings file's {@code pat4j.mail.*} (server, TLS, login, sender,
     * product name, self-service page, kinds); the application adds its {@code recipients} and
     * may change anything else before {@link Builder#build()}.
     *
     * @throws IllegalArgumentException if the settings name no SMTP server
     */
    public static Builder builder(Pat4jSettings.Mail settings) {
        String host = settings.host();
        String from = settings.from();
        if (host == null || from == null) {
            throw new IllegalArgumentException("the settings name no SMTP server (pat4j.mail.smtp.host)");
        }
        Builder b = builder().smtp(host, settings.port()).tls(TlsMode.valueOf(settings.tls().toUpperCase(Locale.ROOT)))
                .from(from, settings.fromName());
        String user = settings.user();
        SecretReference password = settings.password();
        if (user != null && password != null) {
            b.credentials(user, password);
        }
        if (settings.productName() != null) {
            b.productName(settings.productName());
        }
        if (settings.selfServiceUrl() != null) {
            b.selfServiceUrl(settings.selfServiceUrl());
        }
        if (!settings.kinds().isEmpty()) {
            b.kinds(settings.kinds().stream().map(NoticeKind::new).toArray(NoticeKind[]::new));
        }
        return b;
    }

    private static Properties properties(Builder b, TlsMode tls, int port, InternetAddress from) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", Objects.requireNonNull(b.host));
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(b.readTimeout.toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(b.writeTimeout.toMillis()));
        p.setProperty("mail.smtp.from", from.getAddress()); // the envelope sender: where bounces go
        p.setProperty("mail.smtp.auth", Boolean.toString(b.user != null));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(tls == TlsMode.OPPORTUNISTIC || tls == TlsMode.STARTTLS));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(tls == TlsMode.STARTTLS));
        p.setProperty("mail.smtp.ssl.enable", Boolean.toString(tls == TlsMode.SMTPS));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        if (b.sslContext != null) {
            p.put("mail.smtp.ssl.socketFactory", b.sslContext.getSocketFactory());
        }
        return p;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean sends(NoticeKind kind) {
        return kinds.contains(kind);
    }

    /**
     * Mails the notice to its owner, returning once the SMTP server accepted it. An expiring
     * notice at a threshold this sender does not mail, or one whose owner has no address, is
     * skipped (the latter reported to {@code onSkipped} and logged) and counts as delivered.
     *
     * @throws MessagingException if the server could not be reached or refused the mail
     * @throws Exception if the {@link RecipientResolver} failed; the outbox retries either later
     */
    @Override
    public void send(Notice notice) throws Exception {
        if (!kinds.contains(notice.kind())) {
            return;
        }
        if (notice.threshold() != null && !thresholds.isEmpty() && !thresholds.contains(notice.threshold())) {
            return;
        }
        Optional<Recipient> recipient = recipients.resolve(notice.token().owner());
        if (recipient.isEmpty()) {
            LOG.warn("notice {}: the token's owner has no mail address; not mailed", notice.key());
            onSkipped.accept(notice);
            return;
        }
        MimeMessage message = message(notice, recipient.get());
        try (Transport transport = session.getTransport()) {
            if (user != null) {
                transport.connect(host, port, user, password);
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The mail of {@code notice} to {@code recipient}, as it would be sent, without sending it. */
    public MailContent render(Notice notice, Recipient recipient) {
        return templates.render(facts(notice, recipient));
    }

    private MailFacts facts(Notice notice, Recipient r) {
        return new MailFacts(notice, r, r.locale() != null ? r.locale() : locale, r.zone() != null ? r.zone() : zone,
                clock.instant(), productName, selfServiceUrl);
    }

    private MimeMessage message(Notice notice, Recipient r) throws MessagingException, UnsupportedEncodingException {
        MailContent content = render(notice, r);
        MimeMessage m = new KeyedMimeMessage(session, MessageIds.of(notice.key(), messageIdDomain));
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, r.displayName() == null ? new InternetAddress(r.address())
                : new InternetAddress(r.address(), r.displayName(), StandardCharsets.UTF_8.name()));
        m.setSubject(content.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(clock.instant()));
        // RFC 3834: a notice is machine-made, so out-of-office replies should not answer it
        m.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text); // the last part is the preferred one: HTML where it can be shown
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    @Override
    public String toString() {
        return "MailNoticeSender[name=" + name + ", smtp=" + host + ":" + port + ", tls=" + tls
                + (user == null ? "" : ", user=" + user + ", password=" + passwordReference)
                + ", from=" + from.getAddress() + ", kinds=" + kinds.stream().map(NoticeKind::name).sorted().toList() + "]";
    }

    /**
     * Builds a {@link MailNoticeSender}; each setter checks its argument at once and
     * {@link #build()} checks them together. Not thread-safe.
     */
    public static final class Builder {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?"
                + "|\\[[0-9A-Fa-f:.]+\\]");
        private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

        private String name = "mail";
        private @Nullable String host;
        private int port;
        private @Nullable TlsMode tls;
        private @Nullable String user;
        private @Nullable SecretReference password;
        private @Nullable String fromAddress;
        private @Nullable String fromName;
        private @Nullable RecipientResolver recipients;
        private Set<NoticeKind> kinds = DEFAULT_KINDS;
        private Set<Duration> thresholds = Set.of();
        private MailTemplates templates = MailTemplates.defaults();
        private String productName = "pat4j";
        private @Nullable URI selfServiceUrl;
        private Locale locale = Locale.ENGLISH;
        private ZoneId zone = ZoneId.of("UTC");
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_IO_TIMEOUT;
        private Duration writeTimeout = DEFAULT_IO_TIMEOUT;
        private @Nullable SSLContext sslContext;
        private Clock clock = Clock.systemUTC();
        private Consumer<Notice> onSkipped = n -> { };

        private Builder() {
        }

        /** The channel's name in the outbox (default {@code mail}); as a {@link NoticeKind}'s name. */
        public Builder name(String name) {
            if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException("a sender's name is [a-z][a-z0-9-]{0,39}, not \"" + name + "\"");
            }
            this.name = name;
            return this;
        }

        /** The SMTP server, on the port of its {@link #tls} mode (25, 587 or 465). */
        public Builder smtp(String host) {
            return smtp(host, 0);
        }

        /**
         * The SMTP server.
         *
         * @param port from 1 to 65535, or 0 for the default of the {@link #tls} mode
         */
        public Builder smtp(String host, int port) {
            Objects.requireNonNull(host, "host");
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("not a host name or address: \"" + host + "\"");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is from 1 to 65535 (0: the default), not " + port);
            }
            this.host = host;
            this.port = port;
            return this;
        }

        /** How the connection is protected; default {@link TlsMode#STARTTLS} with credentials, else {@link TlsMode#OPPORTUNISTIC}. */
        public Builder tls(TlsMode mode) {
            this.tls = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Logs in as {@code user} with the password at {@code password} ({@code env:SMTP_PASSWORD}
         * or {@code file:/run/secrets/smtp}), read once, by {@link #build()}.
         */
        public Builder credentials(String user, SecretReference password) {
            Objects.requireNonNull(user, "user");
            if (user.isBlank() || user.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("an SMTP user name is text on one line");
            }
            this.user = user;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The sender's address ({@code From} and the envelope sender); its domain also names the Message-IDs. */
        public Builder from(String address) {
            return from(address, null);
        }

        /** The sender's address with a display name ({@code "Acme Git" <notices@acme.example>}). */
        public Builder from(String address, @Nullable String displayName) {
            Recipient checked = Recipient.of(address, displayName); // the same rules as a recipient's
            this.fromAddress = checked.address();
            this.fromName = checked.displayName();
            return this;
        }

        /** Where each owner's mail goes. */
        public Builder recipients(RecipientResolver resolver) {
            this.recipients = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The kinds of notice mailed (default {@link #DEFAULT_KINDS}); each needs a template. */
        public Builder kinds(NoticeKind... kinds) {
            if (kinds.length == 0) {
                throw new IllegalArgumentException("name at least one kind of notice to mail");
            }
            this.kinds = Set.copyOf(new LinkedHashSet<>(List.of(kinds)));
            return this;
        }

        /**
         * The expiry thresholds mailed, such as {@code Duration.ofDays(7)}; default every one
         * that the schedule ({@code Pat4j.Builder.expirySchedule}) raises. A notice of another
         * threshold is left out by this sender (and counts as delivered for it).
         */
        public Builder expiringThresholds(Duration... thresholds) {
            for (Duration d : thresholds) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("a threshold is zero or positive");
                }
            }
            this.thresholds = Set.of(thresholds);
            return this;
        }

        /** The templates (default {@link MailTemplates#defaults()}). */
        public Builder templates(MailTemplates templates) {
            this.templates = Objects.requireNonNull(templates, "templates");
            return this;
        }

        /** The application's name, as the mails call it (default {@code pat4j}). */
        public Builder productName(String productName) {
            Objects.requireNonNull(productName, "productName");
            if (productName.isBlank() || productName.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a product name is text on one line");
            }
            this.productName = productName;
            return this;
        }

        /** The page where owners see and revoke their tokens, linked from every mail; http or https only. */
        public Builder selfServiceUrl(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
                throw new IllegalArgumentException("the self-service page is an absolute http(s) URL");
            }
            this.selfServiceUrl = url;
            return this;
        }

        /** The language of dates for recipients who have none (default English). */
        public Builder locale(Locale locale) {
            this.locale = Objects.requireNonNull(locale, "locale");
            return this;
        }

        /** The time zone of dates for recipients who have none (default UTC). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** How long connecting to the server may take (default 5 seconds, at most 5 minutes). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout("connectTimeout", timeout);
            return this;
        }

        /** How long one read from the server may take (default 10 seconds, at most 5 minutes). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout("readTimeout", timeout);
            return this;
        }

        /** How long one write to the server may take (default 10 seconds, at most 5 minutes). */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout("writeTimeout", timeout);
            return this;
        }

        /** The TLS context whose trust decides which server certificates are accepted (default the JVM's). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** The clock of the {@code Date} header and of "expires in …" (default the system's, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Told of each notice not mailed because its owner has no address (besides a warning in the log). */
        public Builder onSkipped(Consumer<Notice> listener) {
            this.onSkipped = Objects.requireNonNull(listener, "listener");
            return this;
        }

        private static Duration timeout(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0 || d.toMillis() == 0) {
                throw new IllegalArgumentException(what + " is from 1 ms to 5 minutes, not " + d);
            }
            return d;
        }

        /**
         * The sender; reads the password now.
         *
         * @throws IllegalStateException if the server, the sender's address or the recipient
         *     resolver is missing, a kind has no template, or credentials would go over a
         *     connection that may be plain ({@link TlsMode#NONE} or {@link TlsMode#OPPORTUNISTIC})
         * @throws dev.pat4j.settings.SettingsException if the password cannot be read (the
         *     message names its reference, never a value)
         */
        public MailNoticeSender build() {
            if (host == null) {
                throw new IllegalStateException("the SMTP server is required: call smtp(host, port)");
            }
            if (fromAddress == null) {
                throw new IllegalStateException("the sender's address is required: call from(address)");
            }
            if (recipients == null) {
                throw new IllegalStateException("a recipient resolver is required: call recipients(owner -> ...)");
            }
            TlsMode mode = tls != null ? tls : user != null ? TlsMode.STARTTLS : TlsMode.OPPORTUNISTIC;
            if (user != null && (mode == TlsMode.NONE || mode == TlsMode.OPPORTUNISTIC)) {
                throw new IllegalStateException("credentials need TLS: with " + mode + " the password could cross"
                        + " the network in clear; use STARTTLS or SMTPS");
            }
            for (NoticeKind kind : kinds) {
                if (!templates.handles(kind)) {
                    throw new IllegalStateException("no mail template for notices of kind " + kind);
                }
            }
            InternetAddress from;
            try {
                from = fromName == null ? new InternetAddress(fromAddress, true)
                        : new InternetAddress(fromAddress, fromName, StandardCharsets.UTF_8.name());
            } catch (AddressException | UnsupportedEncodingException e) {
                throw new IllegalStateException("the sender's address cannot be used: " + e.getMessage());
            }
            String secret = password == null ? null : password.readString();
            return new MailNoticeSender(this, mode, port == 0 ? mode.defaultPort() : port, secret, from);
        }
    }
}
