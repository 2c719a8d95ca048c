package dev.pat4j.mail;

import dev.pat4j.mail.internal.MustacheTemplates;
import dev.pat4j.notice.NoticeKind;

/**
 * Turns a notice into a mail: a subject, a plain-text part and an HTML part. The shipped
 * templates ({@link #defaults()}) cover every kind pat4j raises (created, expiring, expired,
 * revoked by an administrator, leaked); an application replaces some or all of them with its own
 * Mustache files ({@link #fromResources}) or implements this interface. Implementations are
 * thread-safe and must never put a token or a secret into a mail (a notice holds neither).
 *
 * <h2>Mustache templates</h2>
 * For kind {@code K} (its {@link NoticeKind#name()}, such as {@code created}) three files are
 * read: {@code K.subject.mustache}, {@code K.txt.mustache} and {@code K.html.mustache}. In the
 * HTML file every {@code {{value}}} is HTML-escaped (keep it so: never use {@code {{{value}}}});
 * in the others nothing is. A value a template names that does not exist fails the send (the
 * notice is retried), so a typo shows at once. Dates are formatted for the recipient's locale and
 * zone. The values:
 * <ul>
 * <li>{@code productName}, {@code recipientName} (display name, else the owner id), {@code owner}, {@code kind}</li>
 * <li>{@code tokenName}, {@code tokenId}, {@code organization} (absent for all organizations),
 *     {@code allOrganizations}, {@code scopes} (a list of names), {@code scopeList} (joined with commas)</li>
 * <li>{@code createdAt}, {@code createdBy}, {@code createdVia} (absent when no tool was named),
 *     {@code createdOnBehalf} (true when {@code createdBy} is not the owner)</li>
 * <li>{@code expiresAt}, {@code expiresOn} (the date alone), {@code remaining} ("6 days" from
 *     now, absent once expired), {@code threshold} ("7 days", expiring notices only)</li>
 * <li>{@code revokedAt}, {@code revokedBy}, {@code actor}, {@code detail} (each absent when unknown)</li>
 * <li>{@code raisedAt}, {@code selfServiceUrl} (absent when not configured)</li>
 * <li>{@code unexpectedAdvice}: what to do about a notice one did not expect</li>
 * </ul>
 */
public interface MailTemplates {

    /** Whether this has a template for {@code kind}: the sender refuses, when built, to send a kind without one. */
    boolean handles(NoticeKind kind);

    /**
     * The mail for one notice.
     *
     * @throws IllegalArgumentException if this has no template for the notice's kind
     * @throws RuntimeException if a template fails (the notice is retried later)
     */
    MailContent render(MailFacts facts);

    /** pat4j's own templates, in English, for the five kinds pat4j raises. */
    static MailTemplates defaults() {
        return MustacheTemplates.defaults();
    }

    /**
     * The application's templates in {@code folder} of {@code loader} (such as
     * {@code "mail-templates/"} on the class path), file by file over pat4j's own: a file the
     * folder lacks is pat4j's, so an application may replace one subject line only. A kind pat4j
     * does not know needs its three files in the folder. Read once, now.
     *
     * @throws IllegalArgumentException if a file there is not a valid Mustache template
     */
    static MailTemplates fromResources(ClassLoader loader, String folder) {
        return MustacheTemplates.fromResources(loader, folder);
    }
}
