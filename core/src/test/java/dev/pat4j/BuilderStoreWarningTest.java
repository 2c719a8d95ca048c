package dev.pat4j;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An instance built without a store keeps its tokens in memory, which production must not do by
 * accident: it says so in one warning, with the fix. Choosing a store, the in-memory one
 * included, is choosing on purpose: no warning.
 */
class BuilderStoreWarningTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Pat4j.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        logger.addAppender(captured);
        logger.setAdditive(false); // the expected warnings need not reach the console
    }

    @AfterEach
    void release() {
        logger.setAdditive(true);
        logger.detachAppender(captured);
    }

    @Test
    void withoutAStoreEachInstanceWarnsOnceThatTokensLiveInMemoryAndHowToChooseAStore() {
        Pat4j.Builder builder = Pat4j.builder().scopes(AzureDevOpsScopes.catalog());
        try (Pat4j pat4j = builder.build()) {
            assertThat(pat4j.store()).isInstanceOf(InMemoryTokenStore.class);
            List<ILoggingEvent> warnings = warnings();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage())
                    .contains("memory only", "lost on restart", "not shared with other nodes",
                            "JdbcTokenStore", "pat4j-jdbc", "store(...)", "new InMemoryTokenStore()");
            try (Pat4j second = builder.build()) {
                assertThat(warnings()).as("one per instance").hasSize(2);
                assertThat(second.store()).as("one builder, one store, like nodes of one database")
                        .isSameAs(pat4j.store());
            }
        }
    }

    @Test
    void anExplicitStoreEvenInMemoryGivesNoWarning() {
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(new InMemoryTokenStore()).build()) {
            assertThat(pat4j.store()).isInstanceOf(InMemoryTokenStore.class);
        }
        assertThat(warnings()).isEmpty();
    }

    private List<ILoggingEvent> warnings() {
        return captured.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }
}
