package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code pat notices}: the outbox of notices to token owners, by state; notices hold no secret. */
@Command(name = "notices", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the notices in the outbox (a token created, expiring, expired, revoked by an"
                + " administrator, leaked): pending ones wait for their first delivery, failed ones for their next"
                + " attempt, delivered ones are done. Each shows its idempotency key (token, kind, threshold,"
                + " expiry), attempts, next attempt, delivery time and senders, the lease of a node delivering it and"
                + " the last error. Most recently raised first.",
        footer = {"", "Example: pat notices --state failed",
            "Example: pat notices --state pending,failed --json"})
final class NoticesCommand extends DatabaseCommand {
    private static final int MAX_LIMIT = 1000;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only notices in this state: pending, failed or delivered; repeat or separate with commas."
                    + " Default: every state.")
    List<String> states = List.of();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most N notices of each state (1 to 1000, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    private final Set<NoticeState> wanted = EnumSet.noneOf(NoticeState.class);

    @Override
    void prepare() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--limit must be from 1 to " + MAX_LIMIT);
        }
        for (String s : states) {
            wanted.add(state(s));
        }
        if (wanted.isEmpty()) {
            wanted.addAll(EnumSet.allOf(NoticeState.class));
        }
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        if (!pat4j.notices().outboxAvailable()) {
            throw new CliFailure("this token store keeps no notices (it does not offer the NoticeOutbox capability)");
        }
        List<OutboxEntry> entries = new ArrayList<>();
        for (NoticeState state : wanted) {
            entries.addAll(pat4j.notices().list(state, limit));
        }
        if (json) {
            out.println(NoticeText.json(entries));
        } else if (entries.isEmpty()) {
            out.println("no notices" + (states.isEmpty() ? "" : " in that state"));
        } else {
            NoticeText.table(out, entries);
        }
        return ExitCodes.OK;
    }

    private NoticeState state(String name) {
        try {
            return NoticeState.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--state must be pending, failed or delivered");
        }
    }
}
