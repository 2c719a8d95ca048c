/**
 * Signed webhooks for pat4j's notices: {@link dev.pat4j.webhooks.WebhookNoticeSender} POSTs each
 * notice as JSON, signed as the Standard Webhooks specification describes, and
 * {@link dev.pat4j.webhooks.WebhookVerifier} checks such a request on the receiving side. The
 * implementation under {@code dev.pat4j.webhooks.internal} stays hidden.
 */
module dev.pat4j.webhooks {
    requires transitive dev.pat4j.core;
    requires java.net.http;
    requires tools.jackson.databind;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.pat4j.webhooks;
}
