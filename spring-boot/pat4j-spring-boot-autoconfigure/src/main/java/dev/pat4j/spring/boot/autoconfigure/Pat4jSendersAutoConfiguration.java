package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.mail.MailNoticeSender;
import dev.pat4j.mail.RecipientResolver;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.webhooks.WebhookNoticeSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notification senders the {@code pat4j.mail.*} and {@code pat4j.webhooks.*} properties
 * describe, as {@code NotificationSender} beans that the {@code Pat4j} bean delivers its outbox
 * to: a {@link MailNoticeSender} when pat4j-mail is on the class path and a server is named (the
 * application's {@link RecipientResolver} bean says where each owner's mail goes; without one,
 * start-up fails rather than mail nobody), a {@link WebhookNoticeSender} when pat4j-webhooks is
 * there and a URL is named. Each backs off for a bean of its type.
 */
@AutoConfiguration(before = Pat4jTasksAutoConfiguration.class, after = Pat4jAutoConfiguration.class)
public final class Pat4jSendersAutoConfiguration {

    /** Mail, from {@code pat4j.mail.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MailNoticeSender.class)
    @ConditionalOnProperty("pat4j.mail.smtp.host")
    static class Mail {
        @Bean
        @ConditionalOnMissingBean
        MailNoticeSender pat4jMailSender(Pat4jSettings settings, ObjectProvider<RecipientResolver> recipients) {
            RecipientResolver resolver = recipients.getIfAvailable();
            if (resolver == null) {
                throw new IllegalStateException("pat4j.mail.smtp.host is set but the application has no"
                        + " RecipientResolver bean: define one that maps a token's owner to a mail address");
            }
            return MailNoticeSender.builder(settings.mail()).recipients(resolver).build();
        }
    }

    /** Webhooks, from {@code pat4j.webhooks.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebhookNoticeSender.class)
    @ConditionalOnProperty("pat4j.webhooks.url")
    static class Webhooks {
        @Bean
        @ConditionalOnMissingBean
        WebhookNoticeSender pat4jWebhookSender(Pat4jSettings settings) {
            return WebhookNoticeSender.builder(settings.webhooks()).build();
        }
    }
}
