/**
 * Signed webhooks for pat4j's notices. {@link dev.pat4j.webhooks.WebhookNoticeSender} is the
 * sending side (register it with {@code Pat4j.builder().notificationSender(...)});
 * {@link dev.pat4j.webhooks.WebhookVerifier} is for the application that receives the requests.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.webhooks;

import org.jspecify.annotations.NullMarked;
