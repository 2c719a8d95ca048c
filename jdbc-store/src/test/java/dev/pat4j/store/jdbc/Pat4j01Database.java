package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.notice.DeliveryReport;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.jdbc.internal.SchemaScript;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A database as pat4j 0.1 left it: made by the 0.1 schema script (the verbatim copy under
 * {@code schema-0.1/}, since version 1 may not be edited but this fixture must stay the
 * historical one), holding live tokens created through {@link Pat4j}: active, extended,
 * re-scoped, revoked and expired ones, with their change-feed entries and last-used times, and
 * two whose expiry 0.1 announced (its {@code expiry_notified} flag), which version 7 must not
 * let the outbox announce again.
 * {@link Snapshot#assertUpgraded} then checks that an upgrade lost none of it.
 *
 * <p>Today's store writes columns that 0.1's schema lacks (version 3's {@code created_via}), so
 * the fixture adds them for the time it fills the database through today's pat4j and drops them
 * again: what remains is 0.1's schema holding what 0.1 wrote (the tokens name no tool).
 */
final class Pat4j01Database {
    /** One catalog for every Pat4j here, so principals before and after compare equal. */
    static final ScopeCatalog CATALOG = AzureDevOpsScopes.catalog();
    /** When every token is validated, before and after the upgrade. */
    static final Instant NOW = Fixtures.START.plus(Duration.ofDays(2));

    private static final List<String> OWNERS = List.of("alice", "bob", "carol");
    /** The organization every check names: bob's tokens are bound to it, the others act in all. */
    private static final String ORGANIZATION = "acme";

    private Pat4j01Database() {
    }

    /** Runs the 0.1 script on {@code dataSource} and fills it through pat4j as 0.1 would. */
    static Snapshot create(DataSource dataSource, JdbcDialect dialect) throws Exception {
        String resource = "schema-0.1/schema-" + (dialect == JdbcDialect.H2 ? "h2" : "postgresql") + ".sql";
        SchemaScript script = SchemaScript.of(resource, read(resource));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            script.run(c);
            c.commit();
        }

        // the type version 3 gives it: PostgreSQL refuses a cached plan whose result type changed
        execute(dataSource, "ALTER TABLE pat4j_token ADD COLUMN created_via "
                + (dialect == JdbcDialect.H2 ? "VARCHAR" : "TEXT"));

        MutableClock clock = new MutableClock(Fixtures.START);
        JdbcTokenStore store = JdbcTokenStore.builder(dataSource).clock(clock).build(); // no migrate(): 0.1
        // 0.1 had no outbox: behind a store that does not pass the capability on, pat4j claims
        // expiry notices with the expiry_notified flag, as 0.1 did
        Pat4j pat4j = Pat4j.builder().store(new CountingStore(store)).scopes(CATALOG).clock(clock).build();
        Map<String, String> tokens = new LinkedHashMap<>(); // token -> label, for messages
        IssuedToken active = create(pat4j, "alice", "ci", Duration.ofDays(30), "code:read");
        tokens.put(active.token(), "active");
        IssuedToken extended = create(pat4j, "alice", "deploy", Duration.ofDays(30), "code:write");
        pat4j.tokens().extend(extended.info().id(), Fixtures.START.plus(Duration.ofDays(90)), Actor.user("alice"));
        tokens.put(extended.token(), "extended");
        IssuedToken revoked = create(pat4j, "alice", "old laptop", Duration.ofDays(30), "code:read");
        pat4j.tokens().revoke(revoked.info().id(), Actor.user("alice"));
        tokens.put(revoked.token(), "revoked");
        IssuedToken rescoped = create(pat4j, "bob", "laptop", Duration.ofDays(30), "code:read", "code:write");
        pat4j.tokens().updateScopes(rescoped.info().id(), List.of("code:read"), Actor.user("bob"));
        tokens.put(rescoped.token(), "re-scoped");
        IssuedToken expired = create(pat4j, "bob", "one day", Duration.ofDays(1), "code:read");
        tokens.put(expired.token(), "expired");
        IssuedToken leaked = create(pat4j, "carol", "leaked", Duration.ofDays(30), "code:read");
        pat4j.tokens().revoke(leaked.info().id(), Actor.administrator("security"));
        tokens.put(leaked.token(), "revoked by an administrator");
        IssuedToken spare = create(pat4j, "carol", "spare", Duration.ofDays(30), "code:read");
        tokens.put(spare.token(), "active, revoked after the upgrade");
        IssuedToken soon = create(pat4j, "carol", "expires soon", Duration.ofDays(5), "code:read");
        tokens.put(soon.token(), "active, its expiry announced by 0.1");
        assertThat(pat4j.expiryNotifier().run()).extracting(TokenInfo::id).as("0.1's notices: expiry_notified set")
                .containsExactlyInAnyOrder(expired.info().id(), soon.info().id());
        Map<String, Instant> announced = Map.of(expired.info().id(), expired.info().expiresAt(), soon.info().id(),
                soon.info().expiresAt());

        clock.set(NOW);
        Map<String, ValidationResult> results = new LinkedHashMap<>();
        for (String token : tokens.keySet()) {
            results.put(token, pat4j.validator().check(Fixtures.bearer(token), ORGANIZATION));
        }
        assertThat(results.get(active.token()).authenticated()).isTrue();
        assertThat(results.get(revoked.token()))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, revoked.info().id()));
        assertThat(results.get(expired.token()))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.EXPIRED, expired.info().id()));
        pat4j.close(); // flushes the last-used times: part of what the upgrade must keep

        List<TokenChange> feed = store.changesSince(0, 1000);
        assertThat(feed).as("eight creates, then extend, revoke, re-scope, revoke").hasSize(12);
        List<StoredToken> rows = tokenRows(store);
        assertThat(rows).extracting(StoredToken::createdVia).containsOnlyNulls();
        execute(dataSource, "ALTER TABLE pat4j_token DROP COLUMN created_via");
        return new Snapshot(Map.copyOf(tokens), results, rows, store.changeHead(), feed,
                spare.token(), spare.info().id(), announced);
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            s.execute(sql);
            if (!autoCommit) {
                c.commit();
            }
        }
    }

    /** Bob's tokens act in one organization, everyone else's in all: both kinds of row. */
    private static IssuedToken create(Pat4j pat4j, String owner, String name, Duration lifespan, String... scopes) {
        NewToken.Builder builder = NewToken.builder(owner, name).lifespan(lifespan).scopes(scopes);
        NewToken request = (owner.equals("bob") ? builder.organization("acme") : builder.allOrganizations()).build();
        return pat4j.tokens().create(request, Actor.user(owner));
    }

    private static List<StoredToken> tokenRows(JdbcTokenStore store) {
        List<StoredToken> out = new ArrayList<>();
        for (String owner : OWNERS) {
            out.addAll(store.findByOwner(owner));
        }
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = Pat4j01Database.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * What the 0.1 database held, and how each of its tokens validated; {@code announced}: the
     * tokens whose expiry 0.1 announced, with that expiry.
     */
    record Snapshot(Map<String, String> labels, Map<String, ValidationResult> results, List<StoredToken> rows,
                    long head, List<TokenChange> feed, String spareToken, String spareId,
                    Map<String, Instant> announced) {

        /**
         * Checks, after an upgrade, that every row and change is still there, that every token
         * validates exactly as before, that the change feed continues from its head and that
         * the store works; closes what it opens.
         */
        void assertUpgraded(DataSource dataSource) {
            MutableClock clock = new MutableClock(NOW);
            JdbcTokenStore store = JdbcTokenStore.builder(dataSource).clock(clock).build();
            assertThat(tokenRows(store)).as("every token row, byte for byte").isEqualTo(rows);
            assertThat(store.changeHead()).as("the change feed's head").isEqualTo(head);
            assertThat(store.changesSince(0, 1000)).as("the change feed").isEqualTo(feed);

            List<String> sent = new CopyOnWriteArrayList<>();
            Pat4j pat4j = Pat4j.builder().store(store).scopes(CATALOG).clock(clock)
                    .notificationSender(new NotificationSender() {
                        @Override
                        public String name() {
                            return "mail";
                        }

                        @Override
                        public void send(Notice notice) {
                            sent.add(notice.key());
                        }
                    }).build();
            try {
                assertNotAnnouncedAgain(pat4j);
                results.forEach((token, before) -> assertThat(pat4j.validator().check(Fixtures.bearer(token),
                        ORGANIZATION))
                        .as("the %s token", labels.get(token)).isEqualTo(before));

                pat4j.tokens().revoke(spareId, Actor.user("carol"));
                assertThat(store.changeHead()).as("the feed continues from its head").isEqualTo(head + 1);
                assertThat(store.changesSince(head, 10)).containsExactly(new TokenChange(head + 1, spareId));
                assertThat(pat4j.validator().check(Fixtures.bearer(spareToken)))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, spareId));

                IssuedToken fresh = pat4j.tokens().create(NewToken.builder("dave", "after the upgrade")
                        .allOrganizations().lifespan(Duration.ofDays(30)).scopes("code:read")
                        .createdVia("git: https://host/ on MyMachine").build(), Actor.user("dave"));
                assertThat(Fixtures.authenticatedId(pat4j.validator().check(Fixtures.bearer(fresh.token()))))
                        .isEqualTo(fresh.info().id());
                assertThat(store.find(fresh.info().id()).orElseThrow().createdVia())
                        .as("version 3's column").isEqualTo("git: https://host/ on MyMachine");
                assertThat(pat4j.notices().deliverDue().delivered()).isEqualTo(1);
                assertThat(sent).as("the new token's notice, none of what 0.1 announced")
                        .containsExactly(fresh.info().id() + ":created");
            } finally {
                pat4j.close();
                store.close();
            }
        }

        /**
         * Version 7 recorded each expiry 0.1 announced as a delivered seven-day notice, under the
         * key the outbox computes, so raising expiry notices now adds none for them.
         */
        private void assertNotAnnouncedAgain(Pat4j pat4j) {
            List<String> expected = new ArrayList<>();
            announced.forEach((id, expiry) -> expected.add(id + ":expiring:7d:" + expiry.toEpochMilli()));
            assertThat(pat4j.notices().list(NoticeState.DELIVERED, 100)).extracting(e -> e.notice().key())
                    .as("expiry_notified as delivered notices").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(pat4j.notices().raiseExpiring()).as("nothing raised again").isZero();
            assertThat(pat4j.notices().list(NoticeState.PENDING, 100)).isEmpty();
            assertThat(pat4j.notices().deliverDue()).isEqualTo(DeliveryReport.NONE);
        }
    }
}
