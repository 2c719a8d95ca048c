package dev.pat4j.cli.internal;

import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.validation.TokenPrincipal;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How tokens look on the terminal and in JSON. Nothing here ever sees a secret. */
public final class TokenText {
    static final String ALL_ORGANIZATIONS = "(all organizations)";
    private static final String[] HEADERS = {"ID", "NAME", "ORGANIZATION", "SCOPES", "CREATED", "EXPIRES",
        "LAST USED", "STATE", "CREATED BY", "CREATED VIA"};

    private TokenText() {
    }

    /** An instant to the second, ISO-8601 UTC; "-" for none. */
    public static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String organization(String organization) {
        return organization == null ? ALL_ORGANIZATIONS : organization;
    }

    public static String state(TokenInfo info) {
        return info.state().name().toLowerCase(Locale.ROOT);
    }

    /** A token's details as aligned "label: value" lines. */
    public static void details(PrintWriter out, TokenInfo info) {
        out.println("id:           " + info.id());
        out.println("owner:        " + info.owner());
        out.println("name:         " + info.name());
        out.println("organization: " + organization(info.organization()));
        out.println("scopes:       " + info.scopes().format());
        out.println("expires:      " + time(info.expiresAt()));
        out.println("state:        " + state(info));
        out.println("created by:   " + info.createdBy());
        out.println("created via:  " + orNone(info.createdVia()));
    }

    /** "-" for a field that holds nothing. */
    static String orNone(String text) {
        return text == null ? "-" : text;
    }

    /** The authenticated side of {@code pat check}. */
    public static void principal(PrintWriter out, TokenPrincipal principal) {
        out.println("authenticated");
        out.println("owner:        " + principal.owner());
        out.println("token id:     " + principal.tokenId());
        out.println("organization: " + organization(principal.organization()));
        out.println("scopes:       " + principal.scopes().format());
        out.println("expires:      " + time(principal.expiresAt()));
    }

    /**
     * Tokens as a table with one header row, columns padded to their widest cell; the free-text
     * columns (who and through which tool a token was created) come last.
     */
    public static void table(PrintWriter out, List<TokenInfo> tokens) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (TokenInfo t : tokens) {
            rows.add(new String[] {t.id(), t.name(), organization(t.organization()), t.scopes().format(),
                time(t.createdAt()), time(t.expiresAt()), time(t.lastUsedAt()), state(t), t.createdBy(),
                orNone(t.createdVia())});
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
            out.println(line);
        }
    }

    /** Tokens as a JSON array of objects; times are ISO-8601 instants, absent ones null. */
    public static String json(List<TokenInfo> tokens) {
        JsonWriter json = new JsonWriter().beginArray();
        for (TokenInfo t : tokens) {
            json.beginObject()
                    .field("id", t.id())
                    .field("owner", t.owner())
                    .field("name", t.name())
                    .field("organization", t.organization())
                    .field("allOrganizations", t.allOrganizations());
            json.name("scopes").beginArray();
            for (String scope : t.scopes().minimal()) {
                json.value(scope);
            }
            json.endArray()
                    .field("createdAt", iso(t.createdAt()))
                    .field("createdBy", t.createdBy())
                    .field("createdVia", t.createdVia())
                    .field("expiresAt", iso(t.expiresAt()))
                    .field("lastUsedAt", iso(t.lastUsedAt()))
                    .field("revokedAt", iso(t.revokedAt()))
                    .field("revokedBy", t.revokedBy())
                    .field("state", state(t))
                    .endObject();
        }
        return json.endArray().toString();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
