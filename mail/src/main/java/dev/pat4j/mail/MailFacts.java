package dev.pat4j.mail;

import dev.pat4j.notice.Notice;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link MailTemplates} may put in one mail: the notice (which never holds the
 * token or its secret), its recipient, the language and zone of its dates, and the
 * application's name and self-service page. Immutable.
 *
 * @param notice the notice being mailed
 * @param recipient who receives it
 * @param locale the language of dates (the recipient's, else the sender's)
 * @param zone the time zone of dates (the recipient's, else the sender's)
 * @param now when the mail is rendered, from the sender's clock (a notice delayed by an outage
 *     says how long is left from then, not from when it was raised)
 * @param productName the application's name, as mails call it ("Acme Git")
 * @param selfServiceUrl the page where owners see and revoke their tokens, or null
 */
public record MailFacts(Notice notice, Recipient recipient, Locale locale, ZoneId zone, Instant now,
                        String productName, @Nullable URI selfServiceUrl) {
    public MailFacts {
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(productName, "productName");
    }
}
