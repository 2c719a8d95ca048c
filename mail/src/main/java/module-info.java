/**
 * Mail for pat4j's notices: {@link dev.pat4j.mail.MailNoticeSender}, a
 * {@link dev.pat4j.notice.NotificationSender} on Jakarta Mail (Eclipse Angus) that mails each
 * notice to its token's owner. The implementation under {@code dev.pat4j.mail.internal} stays hidden.
 */
module dev.pat4j.mail {
    requires transitive dev.pat4j.core;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;
    requires com.samskivert.jmustache;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.pat4j.mail;
}
