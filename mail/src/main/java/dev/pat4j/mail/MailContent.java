package dev.pat4j.mail;

import java.util.Objects;

/**
 * One rendered mail: what {@link MailTemplates#render} returns. The subject is cut to one line of
 * at most {@link #MAX_SUBJECT_LENGTH} characters. Immutable.
 *
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part (a whole document); every value in it must be HTML-escaped
 */
public record MailContent(String subject, String text, String html) {
    /** The longest subject kept. */
    public static final int MAX_SUBJECT_LENGTH = 120;

    public MailContent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        subject = subject.replaceAll("\\p{Cntrl}+", " ").strip();
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            subject = subject.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
        }
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("a mail needs a subject");
        }
    }
}
