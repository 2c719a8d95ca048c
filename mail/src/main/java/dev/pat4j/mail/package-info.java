/**
 * Mail for pat4j's notices. {@link dev.pat4j.mail.MailNoticeSender} is the entry point: build it
 * with the SMTP server, the sender's address and a {@link dev.pat4j.mail.RecipientResolver}, and
 * register it with {@code Pat4j.builder().notificationSender(...)}. Mails come from
 * {@link dev.pat4j.mail.MailTemplates} (plain text and HTML, replaceable by the application) and
 * never hold a token or its secret.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.mail;

import org.jspecify.annotations.NullMarked;
