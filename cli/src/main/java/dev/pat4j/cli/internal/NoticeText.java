package dev.pat4j.cli.internal;

import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.OutboxEntry;
import dev.pat4j.notice.OutboxNotice;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How notices look on the terminal and in JSON. A notice holds no secret; its free texts (who
 * acted, where a leak was found, the last error) are shown through {@link Redaction} all the same,
 * since an application may have put anything there.
 */
final class NoticeText {
    private static final String[] HEADERS = {"KEY", "STATE", "ATTEMPTS", "RAISED", "NEXT ATTEMPT", "DELIVERED",
        "DELIVERED TO", "LEASE", "ACTOR", "DETAIL", "LAST ERROR"};

    private NoticeText() {
    }

    /** Notices as a table with one header row, columns padded to their widest cell. */
    static void table(PrintWriter out, List<OutboxEntry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (OutboxEntry e : entries) {
            OutboxNotice n = e.notice();
            rows.add(new String[] {n.key(), state(e), String.valueOf(e.attempts()), TokenText.time(n.raisedAt()),
                e.state() == NoticeState.DELIVERED ? "-" : TokenText.time(e.nextAttemptAt()),
                TokenText.time(e.deliveredAt()), e.deliveredTo().isEmpty() ? "-" : String.join(",", e.deliveredTo()),
                e.leaseOwner() == null ? "-" : e.leaseOwner() + " until " + TokenText.time(e.leaseUntil()),
                text(n.actor()), text(n.detail()), text(e.lastError())});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Notices as a JSON array of objects; times are ISO-8601 instants, the threshold an ISO-8601 duration. */
    static String json(List<OutboxEntry> entries) {
        JsonWriter json = new JsonWriter().beginArray();
        for (OutboxEntry e : entries) {
            OutboxNotice n = e.notice();
            json.beginObject()
                    .field("key", n.key())
                    .field("kind", n.kind().name())
                    .field("tokenId", n.tokenId())
                    .field("threshold", n.threshold() == null ? null : n.threshold().toString())
                    .field("actor", redacted(n.actor()))
                    .field("detail", redacted(n.detail()))
                    .field("raisedAt", iso(n.raisedAt()))
                    .field("state", state(e))
                    .field("attempts", e.attempts())
                    .field("nextAttemptAt", iso(e.nextAttemptAt()))
                    .field("leaseOwner", e.leaseOwner())
                    .field("leaseUntil", iso(e.leaseUntil()));
            json.name("deliveredTo").beginArray();
            for (String sender : e.deliveredTo()) {
                json.value(sender);
            }
            json.endArray()
                    .field("deliveredAt", iso(e.deliveredAt()))
                    .field("lastError", redacted(e.lastError()))
                    .endObject();
        }
        return json.endArray().toString();
    }

    static String state(OutboxEntry e) {
        return e.state().name().toLowerCase(Locale.ROOT);
    }

    private static String text(String value) {
        return value == null ? "-" : Redaction.oneLine(value);
    }

    private static String redacted(String value) {
        return value == null ? null : Redaction.oneLine(value);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
