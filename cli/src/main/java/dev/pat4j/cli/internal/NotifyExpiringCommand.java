package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.notice.DeliveryReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pat notify-expiring}: raises the expiry notices that are due and delivers what the
 * outbox holds through the configured senders. Without a sender it sends nothing and says so
 * (exit 1): the raised notices wait in the outbox, pending, for a process that has one.
 */
@Command(name = "notify-expiring", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Raises the expiry notices that the schedule makes due (once per token, threshold and expiry,"
            + " even if several nodes run it) into the outbox, prints each token announced, then delivers every due"
            + " notice through the configured notification senders.",
            "The operator's pat has no sender: it then sends nothing, says so and exits 1; the notices wait in the"
                + " outbox (pat notices --state pending) for the application's senders. 'pat demo's launcher prints"
                + " notices on the console."},
        footer = {"", "Example: pat notify-expiring --within 7d"})
final class NotifyExpiringCommand extends DatabaseCommand {
    @Option(names = "--within", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "Tell owners this long before expiry, once (default: the settings' pat4j.notices.expiry-schedule,"
                    + " 7d unless set).")
    Duration within;

    @Override
    void configure(Pat4j.Builder builder) {
        if (within != null) {
            builder.expiryNoticeWindow(within);
        }
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        List<TokenInfo> announced = pat4j.expiryNotifier().run();
        for (TokenInfo t : announced) {
            out.println("token " + t.id() + " (\"" + Redaction.oneLine(t.name()) + "\") of "
                    + Redaction.oneLine(t.owner()) + " expires at " + TokenText.time(t.expiresAt()));
        }
        String raised = announced.isEmpty() ? "no new expiry notices"
                : announced.size() + (announced.size() == 1 ? " expiry notice raised" : " expiry notices raised");
        if (pat4j.notices().senders().isEmpty()) {
            out.println(raised);
            throw new CliFailure("no notification sender is configured here, so no notice was sent; they wait in"
                    + " the outbox (pat notices --state pending) for the application's senders");
        }
        DeliveryReport report = pat4j.notices().deliverDue();
        out.println(raised + "; " + count(report.delivered(), "notice") + " delivered through "
                + String.join(", ", pat4j.notices().senders()) + (report.failed() == 0 ? ""
                : "; " + count(report.failed(), "notice") + " failed and will be retried (pat notices --state failed)"));
        return report.failed() == 0 ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
