package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEventListener;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.spring.boot.autoconfigure.internal.BackgroundTasks;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * pat4j's scheduled maintenance, each job a {@link Pat4jBackgroundTask} bean run by one runner:
 * the expiry notifier every {@code pat4j.notifications.interval}, when the application listens to
 * token events or has a {@link NotificationSender} (without either nobody would hear of expiring
 * tokens); the outbox's delivery to the senders every {@code pat4j.notices.delivery-interval},
 * when there is a sender; the
 * JDBC store's change-feed pruning every {@code pat4j.store.prune-interval}, of entries older
 * than {@code pat4j.store.change-retention}. Other features add their own task beans.
 */
@AutoConfiguration(after = {Pat4jAutoConfiguration.class, Pat4jJdbcAutoConfiguration.class})
@ConditionalOnBean(Pat4j.class)
public final class Pat4jTasksAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "pat4jExpiryNotices")
    @Conditional(ListenerOrSender.class)
    public Pat4jBackgroundTask pat4jExpiryNotices(Pat4j pat4j, Pat4jSettings settings) {
        return new Pat4jBackgroundTask("expiry notices", settings.notifications().interval(),
                pat4j.expiryNotifier()::run);
    }

    /**
     * Delivery of the outbox's due notices to every {@link NotificationSender} bean, every
     * {@code pat4j.notices.delivery-interval}. Without a sender nothing would be delivered (the
     * notices wait in the outbox), so the task exists only with one.
     */
    @Bean
    @ConditionalOnMissingBean(name = "pat4jNoticeDelivery")
    @ConditionalOnBean(NotificationSender.class)
    public Pat4jBackgroundTask pat4jNoticeDelivery(Pat4j pat4j, Pat4jSettings settings) {
        return new Pat4jBackgroundTask("notice delivery", settings.notices().deliveryInterval(),
                () -> pat4j.notices().deliverDue());
    }

    @Bean
    @ConditionalOnMissingBean
    public BackgroundTasks pat4jBackgroundTasks(ObjectProvider<Pat4jBackgroundTask> tasks) {
        return new BackgroundTasks(tasks.orderedStream().toList());
    }

    /** Someone hears expiry notices: a listener (events) or a sender (through the outbox). */
    static final class ListenerOrSender extends AnyNestedCondition {
        ListenerOrSender() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(TokenEventListener.class)
        static final class Listener {
        }

        @ConditionalOnBean(NotificationSender.class)
        static final class Sender {
        }
    }

    /** Pruning of the JDBC store's change feed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTokenStore.class)
    @ConditionalOnBean(JdbcTokenStore.class)
    static class ChangeFeedPruning {
        @Bean
        @ConditionalOnMissingBean(name = "pat4jChangeFeedPruning")
        Pat4jBackgroundTask pat4jChangeFeedPruning(JdbcTokenStore store, Pat4jProperties properties) {
            Pat4jProperties.Store p = properties.getStore();
            return new Pat4jBackgroundTask("change-feed pruning", p.getPruneInterval(),
                    () -> store.pruneChanges(p.getChangeRetention()));
        }
    }
}
