package dev.pat4j.demo.internal;

import dev.pat4j.mail.MailContent;
import dev.pat4j.mail.MailNoticeSender;
import dev.pat4j.mail.Recipient;
import dev.pat4j.mail.TlsMode;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NotificationSender;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The demo's mail channel: each notice's mail (pat4j-mail's templates, the plain-text part) on the
 * console, so a newcomer sees what an owner would receive; with {@code pat demo --smtp host:port}
 * it is also sent to that SMTP server (plain SMTP: a local test server such as GreenMail or
 * MailHog). Owners' addresses are made up: {@code OWNER@example.com}. Thread-safe: a mail is
 * printed whole, and the SMTP sender is set once, before delivery starts.
 */
public final class DemoMail implements NotificationSender {
    static final String FROM = "pat-demo@example.com";
    private static final String RULE = "-".repeat(72);

    private final PrintWriter out;
    private final MailNoticeSender renderer;
    private final AtomicReference<@Nullable MailNoticeSender> smtp = new AtomicReference<>();

    public DemoMail(PrintWriter out) {
        this.out = out;
        this.renderer = builder("127.0.0.1", 25).build();
    }

    private static MailNoticeSender.Builder builder(String host, int port) {
        return MailNoticeSender.builder().name("demo-mail").smtp(host, port).tls(TlsMode.NONE).from(FROM, "pat demo")
                .productName("pat demo").recipients(DemoMail::recipient);
    }

    static Optional<Recipient> recipient(String owner) {
        String local = owner.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return Optional.of(Recipient.of((local.isEmpty() ? "owner" : local) + "@example.com", owner));
    }

    /**
     * Also sends each mail to the SMTP server at {@code hostAndPort} ({@code localhost:2525}).
     *
     * @throws IllegalArgumentException if it is not {@code host:port}
     */
    public void sendTo(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        int port;
        try {
            port = colon < 1 ? -1 : Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--smtp is host:port, such as localhost:2525");
        }
        smtp.set(builder(hostAndPort.substring(0, colon), port).build());
    }

    @Override
    public String name() {
        return "demo-mail";
    }

    @Override
    public boolean sends(dev.pat4j.notice.NoticeKind kind) {
        return renderer.sends(kind);
    }

    @Override
    public void send(Notice notice) throws Exception {
        MailNoticeSender server = smtp.get();
        if (server != null) {
            server.send(notice); // first: a failure is retried by the outbox, and then printed once
        }
        Recipient to = recipient(notice.token().owner()).orElseThrow();
        MailContent mail = renderer.render(notice, to);
        String text = String.join(System.lineSeparator(), RULE,
                "mail: To: " + to.displayName() + " <" + to.address() + ">" + (server == null ? "" : " (sent by SMTP)"),
                "mail: Subject: " + mail.subject(), "", mail.text().stripTrailing(), RULE);
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
