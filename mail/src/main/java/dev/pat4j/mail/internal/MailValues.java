package dev.pat4j.mail.internal;

import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.mail.MailFacts;
import dev.pat4j.notice.Notice;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values a template sees (listed in {@link dev.pat4j.mail.MailTemplates}), formatted for the
 * recipient. Every name is always present, an unknown fact as null (which renders as nothing and
 * skips a section), so that only a misspelt name fails. Stateless.
 */
public final class MailValues {
    /** The seed's advice for a notice one did not expect. */
    public static final String UNEXPECTED_ADVICE = "An administrator or a tool might have created a personal access"
            + " token on your behalf. If you do not recognise this token, revoke it and tell your administrator.";

    private MailValues() {
    }

    public static Map<String, @Nullable Object> of(MailFacts facts) {
        Notice n = facts.notice();
        TokenInfo t = n.token();
        DateTimeFormatter dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG)
                .withLocale(facts.locale()).withZone(facts.zone());
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(facts.locale()).withZone(facts.zone());
        Map<String, @Nullable Object> v = new HashMap<>();
        v.put("productName", facts.productName());
        v.put("recipientName", facts.recipient().displayName() != null ? facts.recipient().displayName() : t.owner());
        v.put("owner", t.owner());
        v.put("kind", n.kind().name());
        v.put("tokenName", t.name());
        v.put("tokenId", t.id());
        v.put("organization", t.organization());
        v.put("allOrganizations", t.allOrganizations());
        List<String> scopes = new ArrayList<>(t.scopes().minimal());
        v.put("scopes", scopes);
        v.put("scopeList", String.join(", ", scopes));
        v.put("createdAt", dateTime.format(t.createdAt()));
        v.put("createdBy", t.createdBy());
        v.put("createdVia", t.createdVia());
        v.put("createdOnBehalf", !t.createdBy().equals(t.owner()));
        v.put("expiresAt", dateTime.format(t.expiresAt()));
        v.put("expiresOn", date.format(t.expiresAt()));
        Duration left = Duration.between(facts.now(), t.expiresAt());
        v.put("remaining", left.isNegative() || left.isZero() ? null : approximately(left));
        v.put("threshold", n.threshold() == null ? null : approximately(n.threshold()));
        v.put("revokedAt", format(dateTime, t.revokedAt()));
        v.put("revokedBy", t.revokedBy());
        v.put("actor", n.actor());
        v.put("detail", n.detail());
        v.put("raisedAt", dateTime.format(n.raisedAt()));
        v.put("selfServiceUrl", facts.selfServiceUrl() == null ? null : facts.selfServiceUrl().toString());
        v.put("unexpectedAdvice", UNEXPECTED_ADVICE);
        return v;
    }

    private static @Nullable String format(DateTimeFormatter f, @Nullable Instant at) {
        return at == null ? null : f.format(at);
    }

    /** A duration as a person says it: to the nearest day, else hour, else minute ("7 days", "1 hour"). */
    static String approximately(Duration d) {
        long minutes = Math.round(d.toSeconds() / 60.0);
        if (minutes >= 60 * 24 - 30 && d.compareTo(Duration.ofHours(23)) >= 0) {
            return plural(Math.round(d.toSeconds() / 86_400.0), "day");
        }
        if (minutes >= 60) {
            return plural(Math.round(d.toSeconds() / 3600.0), "hour");
        }
        return plural(Math.max(minutes, d.isZero() ? 0 : 1), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
