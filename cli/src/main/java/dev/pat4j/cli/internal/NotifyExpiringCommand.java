package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pat notify-expiring}: runs the expiry notifier once. */
@Command(name = "notify-expiring", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the expiry notifier once: every active token expiring within the window that was not"
            + " announced yet is announced (once, even if several nodes run it) and printed."},
        footer = {"", "Example: pat notify-expiring --within 7d"})
final class NotifyExpiringCommand extends DatabaseCommand {
    @Option(names = "--within", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "The notice window before expiry (default: the settings' pat4j.notifications.expiry-window,"
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
            out.println("token " + t.id() + " (\"" + t.name() + "\") of " + t.owner() + " expires at "
                    + TokenText.time(t.expiresAt()));
        }
        out.println(announced.isEmpty() ? "no new expiry notices"
                : announced.size() + (announced.size() == 1 ? " notice" : " notices") + " sent");
        return ExitCodes.OK;
    }
}
