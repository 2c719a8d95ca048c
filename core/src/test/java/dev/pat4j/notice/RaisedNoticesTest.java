package dev.pat4j.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes into the outbox: the lifecycle's notices, written with their changes, and the expiry
 * schedule's, raised once per token, threshold and expiry however many nodes run it.
 */
class RaisedNoticesTest {
    private static final List<Duration> GITLAB = List.of(Duration.ofDays(60), Duration.ofDays(30),
            Duration.ofDays(7), Duration.ZERO);

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private Pat4j pat4j;

    @BeforeEach
    void start() {
        pat4j = Fixtures.builder(clock, store).expirySchedule(GITLAB).build();
    }

    @AfterEach
    void stop() {
        pat4j.close();
    }

    @Test
    void aCreationRaisesItsNoticeWithTheActor() {
        IssuedToken t = pat4j.tokens().create(Fixtures.request("alice", "acme", Duration.ofDays(90), "code:read"),
                Actor.administrator("root"));

        List<OutboxEntry> pending = store.list(NoticeState.PENDING, 10);
        assertThat(pending).hasSize(1);
        OutboxNotice n = pending.get(0).notice();
        assertThat(n.key()).isEqualTo(t.info().id() + ":created");
        assertThat(n.kind()).isEqualTo(NoticeKind.CREATED);
        assertThat(n.tokenId()).isEqualTo(t.info().id());
        assertThat(n.actor()).isEqualTo("root");
        assertThat(n.raisedAt()).isEqualTo(Fixtures.START);
        assertThat(pending.get(0).attempts()).isZero();
        assertThat(n.toString()).doesNotContain(t.token());
    }

    @Test
    void anAdministratorsRevocationIsNoticedAndTheOwnersOwnIsNot() {
        IssuedToken own = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(90), "code:read");
        IssuedToken other = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(90), "code:read");
        IssuedToken third = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(90), "code:read");

        pat4j.tokens().revoke(own.info().id(), Actor.user("alice"));
        pat4j.tokens().revoke(other.info().id(), Actor.administrator("root"));
        pat4j.tokens().revoke(other.info().id(), Actor.administrator("root")); // no change: no second notice
        assertThat(pat4j.tokens().revokeAll("alice", Actor.administrator("security"))).isEqualTo(1);

        assertThat(keysOf(NoticeKind.REVOKED_BY_ADMINISTRATOR)).containsExactlyInAnyOrder(
                other.info().id() + ":revoked-by-administrator", third.info().id() + ":revoked-by-administrator");
        assertThat(store.list(NoticeState.PENDING, 50)).filteredOn(e -> e.notice().tokenId().equals(third.info().id())
                && e.notice().kind().equals(NoticeKind.REVOKED_BY_ADMINISTRATOR))
                .extracting(e -> e.notice().actor()).containsExactly("security");
    }

    @Test
    void aLeakRaisesOneLeakedNoticeNamingWhereItWasFound() {
        IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(90), "code:read");

        assertThat(pat4j.tokens().revokeLeaked(t.token(), "https://paste.example/abc")).isPresent();
        assertThat(pat4j.tokens().revokeLeaked(t.token(), "https://paste.example/abc")).isPresent();

        assertThat(keysOf(NoticeKind.LEAKED)).containsExactly(t.info().id() + ":leaked");
        assertThat(keysOf(NoticeKind.REVOKED_BY_ADMINISTRATOR)).as("the leak notice says it all").isEmpty();
        OutboxNotice leaked = store.list(NoticeState.PENDING, 50).stream()
                .filter(e -> e.notice().kind().equals(NoticeKind.LEAKED)).findFirst().orElseThrow().notice();
        assertThat(leaked.detail()).isEqualTo("https://paste.example/abc");
    }

    @Test
    void eachThresholdIsRaisedOnceTheTightestFirstAndTheExpiryAfterIt() {
        IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(10), "code:read");
        String id = t.info().id();
        long expiry = t.info().expiresAt().toEpochMilli();

        assertThat(pat4j.expiryNotifier().run()).as("ten days left: within 30 days, not 60")
                .extracting(i -> i.id()).containsExactly(id);
        assertThat(pat4j.expiryNotifier().run()).isEmpty();
        clock.advance(Duration.ofDays(3).minusMillis(1));
        assertThat(pat4j.expiryNotifier().run()).as("7 days and a millisecond left").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(pat4j.expiryNotifier().run()).extracting(i -> i.id()).containsExactly(id);
        clock.set(t.info().expiresAt().minusMillis(1));
        assertThat(pat4j.expiryNotifier().run()).as("still active").isEmpty();
        clock.set(t.info().expiresAt());
        assertThat(pat4j.expiryNotifier().run()).as("the expired notice is raised but not an expiring one").isEmpty();
        assertThat(pat4j.expiryNotifier().run()).isEmpty();

        assertThat(keysOf(NoticeKind.EXPIRING)).containsExactlyInAnyOrder(id + ":expiring:30d:" + expiry,
                id + ":expiring:7d:" + expiry);
        assertThat(keysOf(NoticeKind.EXPIRED)).containsExactly(id + ":expired:" + expiry);
        assertThat(store.list(NoticeState.PENDING, 50)).filteredOn(e -> e.notice().kind().equals(NoticeKind.EXPIRING))
                .extracting(e -> e.notice().threshold()).containsExactlyInAnyOrder(Duration.ofDays(30),
                        Duration.ofDays(7));
    }

    @Test
    void twoNodesRaiseEachExpiryNoticeOnce() {
        for (int i = 0; i < 5; i++) {
            Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(6), "code:read");
        }
        try (Pat4j other = Fixtures.builder(clock, store).expirySchedule(GITLAB).build()) {
            int raised = pat4j.expiryNotifier().run().size() + other.expiryNotifier().run().size()
                    + pat4j.expiryNotifier().run().size();
            assertThat(raised).isEqualTo(5);
        }
        assertThat(keysOf(NoticeKind.EXPIRING)).hasSize(5);
    }

    @Test
    void anExtensionReArmsTheThresholdsForTheNewExpiry() {
        IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(5), "code:read");
        assertThat(pat4j.expiryNotifier().run()).hasSize(1);

        pat4j.tokens().extend(t.info().id(), clock.instant().plus(Duration.ofDays(6)), Actor.user("alice"));

        assertThat(pat4j.expiryNotifier().run()).as("a new expiry, announced again").hasSize(1);
        assertThat(keysOf(NoticeKind.EXPIRING)).hasSize(2).allMatch(k -> k.contains(":expiring:7d:"));
    }

    @Test
    void aTokenThatExpiredLongBeforeTheScheduleRanGetsNoExpiredNotice() {
        IssuedToken old = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
        IssuedToken recent = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(2), "code:read");
        IssuedToken revoked = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(2), "code:read");
        pat4j.tokens().revoke(revoked.info().id(), Actor.user("alice"));
        clock.set(recent.info().expiresAt().plus(Duration.ofHours(1)));

        pat4j.expiryNotifier().run();

        assertThat(keysOf(NoticeKind.EXPIRED)).as("a day back at most, revoked tokens never")
                .containsExactly(recent.info().id() + ":expired:" + recent.info().expiresAt().toEpochMilli());
        assertThat(old.info().expiresAt()).isBefore(clock.instant().minus(Duration.ofDays(1)));
    }

    @Test
    void aScheduleNeedsThresholdsOfZeroOrMore() {
        assertThatThrownBy(() -> Pat4j.builder().expirySchedule(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Pat4j.builder().expirySchedule(List.of(Duration.ofDays(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero or positive");
    }

    @Test
    void keysAreTheDocumentedTexts() {
        java.time.Instant at = java.time.Instant.ofEpochMilli(1_931_267_366_535L);
        assertThat(OutboxNotice.expiring("abc", Duration.ofDays(7), at, at).key())
                .isEqualTo("abc:expiring:7d:1931267366535");
        assertThat(OutboxNotice.expiring("abc", Duration.ofHours(36), at, at).key())
                .isEqualTo("abc:expiring:129600s:1931267366535");
        assertThat(OutboxNotice.expired("abc", at, at).key()).isEqualTo("abc:expired:1931267366535");
        assertThat(OutboxNotice.of(NoticeKind.CREATED, "abc", null, null, at).key()).isEqualTo("abc:created");
        assertThatThrownBy(() -> OutboxNotice.of(NoticeKind.CREATED, "a:b", null, null, at))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> keysOf(NoticeKind kind) {
        return store.list(NoticeState.PENDING, 100).stream().filter(e -> e.notice().kind().equals(kind))
                .map(e -> e.notice().key()).toList();
    }
}
