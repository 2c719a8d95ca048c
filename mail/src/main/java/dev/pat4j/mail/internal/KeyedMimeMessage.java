package dev.pat4j.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose {@code Message-ID} is the notice's, not a fresh one: Jakarta Mail would make a
 * new one on every {@code saveChanges}, so a retried notice would look like a new mail.
 */
public final class KeyedMimeMessage extends MimeMessage {
    private final String messageId;

    public KeyedMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
