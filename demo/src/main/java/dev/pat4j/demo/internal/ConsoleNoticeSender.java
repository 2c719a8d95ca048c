package dev.pat4j.demo.internal;

import dev.pat4j.cli.internal.Redaction;
import dev.pat4j.cli.internal.TokenText;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.notice.OutboxNotice;
import java.io.PrintWriter;

/**
 * The demo's notification channel: each notice as one line on the console, such as
 * {@code notice: created: token 3fQx9LmZr2Ab ("pat demo") of demo, by pat-demo [key 3fQx9LmZr2Ab:created, attempt 1]}.
 * A notice holds no secret, and its free texts go through {@link Redaction} all the same.
 * Thread-safe: a line is written and flushed whole.
 */
public final class ConsoleNoticeSender implements NotificationSender {
    /** How every line starts. */
    public static final String PREFIX = "notice: ";

    private final PrintWriter out;

    public ConsoleNoticeSender(PrintWriter out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void send(Notice notice) {
        String line = line(notice);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    static String line(Notice n) {
        StringBuilder line = new StringBuilder(PREFIX).append(n.kind()).append(": token ").append(n.token().id())
                .append(" (\"").append(Redaction.oneLine(n.token().name())).append("\") of ")
                .append(Redaction.oneLine(n.token().owner()));
        if (n.threshold() != null) {
            line.append(", expires ").append(TokenText.time(n.token().expiresAt())).append(" (within ")
                    .append(OutboxNotice.thresholdText(n.threshold())).append(')');
        }
        if (n.actor() != null) {
            line.append(", by ").append(Redaction.oneLine(n.actor()));
        }
        if (n.detail() != null) {
            line.append(", at ").append(Redaction.oneLine(n.detail()));
        }
        return line.append(" [key ").append(n.key()).append(", attempt ").append(n.attempt()).append(']').toString();
    }
}
