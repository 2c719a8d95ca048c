package dev.pat4j.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEvent;
import dev.pat4j.event.TokenEventListener;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.micrometer.Pat4jMetrics;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.spring.boot.autoconfigure.internal.BackgroundTasks;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.TokenStore;
import dev.pat4j.spring.web.SpringSecurityActingUser;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.web.ActingUserResolver;
import dev.pat4j.web.ManagementApiServlet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auto-configuration without a web server: which store and schema it chooses with and
 * without a {@code DataSource}, with Flyway and with Liquibase; the {@code pat4j.*} properties as
 * settings, unknown keys and bad values failing start-up; backing off; shutdown; the tasks.
 */
@ExtendWith(OutputCaptureExtension.class)
class Pat4jAutoConfigurationTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final ApplicationContextRunner pat4jOnly = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Pat4jJdbcAutoConfiguration.class, Pat4jAutoConfiguration.class,
                    Pat4jTasksAutoConfiguration.class, Pat4jMetricsAutoConfiguration.class))
            .withPropertyValues("pat4j.scopes.preset=azure-devops");

    private final ApplicationContextRunner withDatabase = pat4jOnly
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                    LiquibaseAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:auto" + DATABASES.incrementAndGet()
                    + ";DB_CLOSE_DELAY=-1", "spring.flyway.enabled=false", "spring.liquibase.enabled=false");

    @Test
    void withoutADataSourceTokensLiveInMemoryAndAWarningSaysSo(CapturedOutput output) {
        pat4jOnly.run(context -> {
            assertThat(context).hasNotFailed();
            Pat4j pat4j = context.getBean(Pat4j.class);
            assertThat(pat4j.store()).isInstanceOf(InMemoryTokenStore.class);
            assertThat(context).doesNotHaveBean(Pat4jSchema.class);
            assertThat(context).as("pat4j contributes no filter chain")
                    .doesNotHaveBean(org.springframework.security.web.SecurityFilterChain.class);
            assertThat(output).contains("pat4j: no DataSource, so tokens live in this JVM's memory only");
            assertRoundTrip(context.getBean(TokenService.class), pat4j);
        });
    }

    @Test
    void withADataSourceTokensLiveInItAndPat4jMigratesItsOwnSchema() {
        withDatabase.run(context -> {
            assertThat(context).hasNotFailed();
            Pat4j pat4j = context.getBean(Pat4j.class);
            assertThat(pat4j.store()).isInstanceOf(JdbcTokenStore.class);
            assertThat(context.getBean(Pat4jSchema.class).tool()).isEqualTo("pat4j");
            assertThat(tables(context.getBean(DataSource.class))).contains("PAT4J_TOKEN", "PAT4J_SCHEMA_VERSION");
            assertRoundTrip(context.getBean(TokenService.class), pat4j);
            assertThat(context.getBean(BackgroundTasks.class).names()).containsExactly("change-feed pruning");
        });
    }

    @Test
    void withFlywayPat4jsMigrationsRunInTheirOwnHistoryTable() {
        withDatabase.withPropertyValues("spring.flyway.enabled=true", "spring.flyway.locations=classpath:app/flyway")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Pat4jSchema.class).tool()).isEqualTo("flyway");
                    DataSource db = context.getBean(DataSource.class);
                    assertThat(tables(db)).contains("APP_ORDER", "PAT4J_TOKEN").doesNotContain("PAT4J_SCHEMA_VERSION");
                    assertThat(new JdbcTemplate(db).queryForObject(
                            "SELECT COUNT(*) FROM \"pat4j_schema_history\" WHERE \"success\"", Integer.class))
                            .as("pat4j's versions").isGreaterThanOrEqualTo(5);
                    assertThat(new JdbcTemplate(db).queryForObject(
                            "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1'", Integer.class))
                            .as("the application's").isOne();
                    assertRoundTrip(context.getBean(TokenService.class), context.getBean(Pat4j.class));
                });
    }

    @Test
    void withLiquibasePat4jsChangeLogRunsBesideTheApplications() {
        withDatabase.withPropertyValues("spring.liquibase.enabled=true",
                        "spring.liquibase.change-log=classpath:app/liquibase/changelog.xml")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Pat4jSchema.class).tool()).isEqualTo("liquibase");
                    DataSource db = context.getBean(DataSource.class);
                    assertThat(tables(db)).contains("APP_ORDER", "PAT4J_TOKEN").doesNotContain("PAT4J_SCHEMA_VERSION");
                    JdbcTemplate jdbc = new JdbcTemplate(db);
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE AUTHOR = 'pat4j'",
                            Integer.class)).isGreaterThanOrEqualTo(5);
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE AUTHOR = 'app'",
                            Integer.class)).isOne();
                    assertRoundTrip(context.getBean(TokenService.class), context.getBean(Pat4j.class));
                });
    }

    @Test
    void thePropertiesAreTheSettings() {
        with(pat4jOnly, "pat4j.scopes.preset=none", "pat4j.token.prefix=acme",
                        "pat4j.scope.[repo:read].label=Read repositories", "pat4j.scope.[repo:write].label=Write",
                        "pat4j.scope.[repo:write].implies=repo:read", "pat4j.scope.[repo:write].high-privilege=true",
                        "pat4j.cache.ttl=2m", "pat4j.cache.maximum-size=500", "pat4j.policy.max-lifespan=30d",
                        "pat4j.policy.allow-full-access=true", "pat4j.store.breaker.cool-down=1500ms",
                        "pat4j.notifications.expiry-window=PT48H", "pat4j.organizations.source=header:X-Org")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Pat4jSettings s = context.getBean(Pat4jSettings.class);
                    assertThat(s.tokenPrefix()).isEqualTo("acme");
                    assertThat(s.scopes().names()).contains("repo:read", "repo:write").doesNotContain("code:read");
                    assertThat(s.scopes().of("repo:write").contains("repo:read")).isTrue();
                    assertThat(s.scopes().definition("repo:write").orElseThrow().highPrivilege()).isTrue();
                    assertThat(s.cache().ttl()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(s.cache().maximumSize()).isEqualTo(500);
                    assertThat(s.policy().maxLifespan()).isEqualTo(Duration.ofDays(30));
                    assertThat(s.policy().allowFullAccess()).isTrue();
                    assertThat(s.store().breaker().coolDown()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(s.notifications().expiryWindow()).isEqualTo(Duration.ofHours(48));
                    assertThat(s.organizations().source()).isEqualTo("header:X-Org");
                    assertThat(context.getBean(Pat4j.class).format().prefix()).isEqualTo("acme");
                });
    }

    @Test
    void aMistypedPat4jKeyFailsStartUp() {
        pat4jOnly.withPropertyValues("pat4j.cache.tll=5m").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("pat4j.cache.tll");
        });
        with(pat4jOnly, "pat4j.scope.[repo:read].lable=Read").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("lable");
        });
    }

    @Test
    void aValueTheSettingsFileRefusesFailsStartUpWithTheSameMessageAndNoSecret() {
        pat4jOnly.withPropertyValues("pat4j.token.prefix=Pat_1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("pat4j.token.prefix");
        });
        pat4jOnly.withPropertyValues("pat4j.hashing.algorithm=hmac-sha256", "pat4j.hashing.pepper-id=p1",
                "pat4j.hashing.pepper=hunter2-is-my-pepper-of-32-bytes!").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("pat4j.hashing.pepper", "by reference only")
                    .doesNotContain("hunter2");
        });
        with(pat4jOnly, "pat4j.scope.[repo:write].implies=repo:read", "pat4j.scope.[repo:write].label=Write").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("repo:read", "not declared");
        });
    }

    @Test
    void everyBeanBacksOffForTheApplicationsOwn() {
        pat4jOnly.withUserConfiguration(OwnPat4j.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(Pat4j.class).hasSingleBean(TokenStore.class);
            assertThat(context.getBean(Pat4j.class)).isSameAs(context.getBean(OwnPat4j.class).pat4j);
            assertThat(context.getBean(TokenStore.class)).isSameAs(OwnPat4j.STORE);
        });
    }

    @Test
    void pat4jIsClosedOnShutdown() {
        String[] thread = new String[1];
        pat4jOnly.run(context -> {
            Pat4j pat4j = context.getBean(Pat4j.class);
            thread[0] = "pat4j-background-" + Integer.toHexString(System.identityHashCode(pat4j));
            assertThat(threadNamed(thread[0])).as("running").isTrue();
        });
        assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> !threadNamed(thread[0])))
                .as("its background thread stopped").isTrue();
    }

    @Test
    void theExpiryNotifierRunsWhenTheApplicationListens() {
        List<TokenEvent> events = new CopyOnWriteArrayList<>();
        withDatabase.withBean(TokenEventListener.class, () -> events::add)
                .withPropertyValues("pat4j.notifications.interval=200ms")
                .run(context -> {
                    assertThat(context.getBean(BackgroundTasks.class).names())
                            .containsExactlyInAnyOrder("expiry notices", "change-feed pruning");
                    IssuedToken soon = context.getBean(TokenService.class).create(NewToken.builder("erin", "soon")
                            .allOrganizations().lifespan(Duration.ofDays(2)).scopes("code:read").build(),
                            Actor.user("erin"));
                    assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> events.stream().anyMatch(e ->
                            e instanceof TokenEvent.ExpiringSoon x && x.token().id().equals(soon.info().id()))))
                            .as("announced by the scheduled notifier").isTrue();
                });
    }

    @Test
    void theChangeFeedIsPrunedOnSchedule() {
        withDatabase.withPropertyValues("pat4j.store.change-retention=1ms", "pat4j.store.prune-interval=100ms")
                .run(context -> {
                    TokenService tokens = context.getBean(TokenService.class);
                    for (String owner : List.of("ann", "ben", "cat")) {
                        tokens.create(NewToken.builder(owner, "feed").allOrganizations().lifespan(Duration.ofDays(1))
                                .scopes("code:read").build(), Actor.user(owner));
                    }
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> jdbc.queryForObject(
                            "SELECT COUNT(*) FROM pat4j_token_change", Integer.class) <= 1))
                            .as("only the feed's head is left").isTrue();
                });
    }

    @Test
    void environmentVariablesAreBoundLikeAnyProperty() {
        pat4jOnly.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment",
                                Map.of("PAT4J_TOKEN_PREFIX", "acme", "PAT4J_CACHE_TTL", "90s"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Pat4jSettings.class).tokenPrefix()).isEqualTo("acme");
                    assertThat(context.getBean(Pat4jSettings.class).cache().ttl()).isEqualTo(Duration.ofSeconds(90));
                });
        pat4jOnly.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of("PAT4J_CACHE_TLL", "90s"))))
                .run(context -> assertThat(context).as("a misspelt variable").hasFailed());
        pat4jOnly.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment",
                                Map.of("PAT4J_CONFIG", "/etc/acme/pat4j.properties"))))
                .run(context -> assertThat(context).as("the CLI's variable, as the settings reader allows it")
                        .hasNotFailed());
    }

    @Test
    void theMetersObserveThePat4jBean() {
        pat4jOnly.run(context -> {
            Pat4j pat4j = context.getBean(Pat4j.class);
            Pat4jMetrics metrics = context.getBean(Pat4jMetrics.class);
            io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            metrics.bindTo(registry);
            pat4j.validator().check("Bearer nope");
            assertThat(registry.get(Pat4jMetrics.CHECKS).tags("reason", "malformed").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get(Pat4jMetrics.BREAKER_OPEN).gauge().value()).as("watching the bean").isZero();
        });
    }

    @Test
    void theNoticesPropertiesAreTheSettings() {
        pat4jOnly.withPropertyValues("pat4j.notices.expiry-schedule=30d,7d,0d", "pat4j.notices.delivery-interval=30s",
                "pat4j.notices.lease=5m", "pat4j.notices.backoff=2m", "pat4j.notices.max-backoff=2h")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Pat4jSettings.Notices n = context.getBean(Pat4jSettings.class).notices();
                    assertThat(n.expirySchedule()).containsExactly(Duration.ZERO, Duration.ofDays(7),
                            Duration.ofDays(30));
                    assertThat(n.deliveryInterval()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(n.lease()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(n.backoff()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(n.maxBackoff()).isEqualTo(Duration.ofHours(2));
                });
        pat4jOnly.withPropertyValues("pat4j.notices.backoff=2h", "pat4j.notices.max-backoff=1h").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("pat4j.notices.max-backoff");
        });
    }

    @Test
    void theOutboxIsDeliveredToEveryNotificationSenderBeanOnSchedule() {
        List<Notice> mail = new CopyOnWriteArrayList<>();
        List<Notice> hook = new CopyOnWriteArrayList<>();
        withDatabase.withBean("mailSender", NotificationSender.class, () -> sender("mail", mail))
                .withBean("hookSender", NotificationSender.class, () -> sender("hook", hook))
                .withPropertyValues("pat4j.notices.delivery-interval=100ms")
                .run(context -> {
                    assertThat(context.getBean(BackgroundTasks.class).names()).containsExactlyInAnyOrder(
                            "expiry notices", "notice delivery", "change-feed pruning");
                    Pat4j pat4j = context.getBean(Pat4j.class);
                    assertThat(pat4j.notices().senders()).containsExactlyInAnyOrder("mail", "hook");
                    IssuedToken t = context.getBean(TokenService.class).create(NewToken.builder("gus", "ci")
                            .allOrganizations().lifespan(Duration.ofDays(30)).scopes("code:read").build(),
                            Actor.user("gus"));
                    assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> Stream.of(mail, hook)
                            .allMatch(l -> l.stream().anyMatch(n -> n.key().equals(t.info().id() + ":created")))))
                            .as("delivered to both senders by the scheduled task").isTrue();
                    assertThat(Fixtures.eventually(Duration.ofSeconds(20),
                            () -> pat4j.notices().backlog().undelivered() == 0)).isTrue();
                });
    }

    @Test
    void withoutASenderNoDeliveryIsScheduled() {
        withDatabase.run(context -> assertThat(context.getBean(BackgroundTasks.class).names())
                .containsExactly("change-feed pruning"));
    }

    @Test
    void theManagementApiIsMountedOnlyWhenEnabledUnderItsBasePath() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(Pat4jAutoConfiguration.class, Pat4jWebAutoConfiguration.class))
                .withPropertyValues("pat4j.scopes.preset=azure-devops");
        web.run(context -> assertThat(context).doesNotHaveBean("pat4jManagementApi"));
        web.withPropertyValues("pat4j.web.enabled=true").run(context -> {
            ServletRegistrationBean<?> api = context.getBean("pat4jManagementApi", ServletRegistrationBean.class);
            assertThat(api.getUrlMappings()).containsExactly("/pat4j/api/*");
            assertThat(context.getBean(ActingUserResolver.class)).isInstanceOf(SpringSecurityActingUser.class);
        });
        web.withPropertyValues("pat4j.web.enabled=true", "pat4j.web.base-path=/tokens/v1").run(context ->
                assertThat(context.getBean("pat4jManagementApi", ServletRegistrationBean.class).getUrlMappings())
                        .containsExactly("/tokens/v1/*"));
        web.withPropertyValues("pat4j.web.enabled=true", "pat4j.web.base-path=/api/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("pat4j.web.base-path");
        });
        web.withPropertyValues("pat4j.web.enabled=true", "pat4j.web.allow-tokens-with-scope=no:such").run(context ->
                assertThat(context).hasFailed());
        web.withPropertyValues("pat4j.web.enabled=true", "pat4j.web.admin-authorty=ROLE_X").run(context -> {
            assertThat(context).as("a mistyped key").hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("admin-authorty");
        });
        web.withClassLoader(new FilteredClassLoader(ManagementApiServlet.class))
                .withPropertyValues("pat4j.web.enabled=true").run(context -> {
                    assertThat(context).as("enabled without pat4j-web").hasFailed();
                    assertThat(messages(context.getStartupFailure())).contains("pat4j-web");
                });
        web.withClassLoader(new FilteredClassLoader(ManagementApiServlet.class)).run(context ->
                assertThat(context).as("not enabled: pat4j-web is not needed").hasNotFailed());
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Pat4jAutoConfiguration.class,
                        Pat4jWebAutoConfiguration.class))
                .withPropertyValues("pat4j.scopes.preset=azure-devops", "pat4j.web.enabled=true")
                .run(context -> assertThat(context).as("not a web application").doesNotHaveBean("pat4jManagementApi"));
    }

    private static NotificationSender sender(String name, List<Notice> into) {
        return new NotificationSender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void send(Notice notice) {
                into.add(notice);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPat4j {
        static final TokenStore STORE = new InMemoryTokenStore();
        final Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(STORE).build();

        @Bean
        Pat4j ownPat4j() {
            return pat4j;
        }

        @Bean
        TokenStore ownStore() {
            return STORE;
        }
    }

    /** Properties as an application's file has them ({@code withPropertyValues} would split scope names at ':'). */
    private static ApplicationContextRunner with(ApplicationContextRunner runner, String... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("test", map)));
    }

    private static void assertRoundTrip(TokenService tokens, Pat4j pat4j) {
        IssuedToken issued = tokens.create(NewToken.builder("alice", "ci").allOrganizations()
                .lifespan(Duration.ofDays(30)).scopes("code:read").build(), Actor.user("alice"));
        assertThat(pat4j.validator().check("Bearer " + issued.token()).authenticated()).isTrue();
    }

    private static List<String> tables(DataSource db) {
        return new JdbcTemplate(db).queryForList(
                "SELECT UPPER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", String.class);
    }

    private static String messages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append('\n');
        }
        return out.toString();
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
