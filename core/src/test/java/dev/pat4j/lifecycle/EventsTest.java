package dev.pat4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEvent;
import dev.pat4j.event.TokenEventListener;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.Fixtures.RecordingListener;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events reach every listener, a throwing listener breaks nothing, and expiry notices fire once. */
class EventsTest {
    private static final Actor ALICE = Actor.user("alice");

    private MutableClock clock;
    private InMemoryTokenStore store;
    private final AtomicInteger thrown = new AtomicInteger();
    private final RecordingListener first = new RecordingListener();
    private final RecordingListener second = new RecordingListener();
    private Pat4j pat4j;

    @BeforeEach
    void start() {
        clock = new MutableClock(Fixtures.START);
        store = new InMemoryTokenStore();
        TokenEventListener throwing = event -> {
            thrown.incrementAndGet();
            throw new IllegalStateException("listener bug");
        };
        pat4j = Fixtures.builder(clock, store).listener(throwing).listener(first).listener(second).build();
    }

    @AfterEach
    void stop() {
        pat4j.close();
    }

    @Test
    void everyEventReachesEveryListenerDespiteAThrowingOne() {
        TokenService tokens = pat4j.tokens();
        IssuedToken a = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");
        IssuedToken b = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");
        String id = a.info().id();
        clock.advance(Duration.ofHours(1));
        tokens.extend(id, clock.instant().plus(Duration.ofDays(3)), ALICE);
        tokens.updateScopes(id, List.of("code:write"), ALICE);
        List<TokenInfo> announced = pat4j.expiryNotifier().run();
        tokens.revoke(id, Actor.administrator("root"));
        tokens.revokeLeaked(b.token(), "pastebin");

        List<Class<?>> expected = List.of(TokenEvent.Created.class, TokenEvent.Created.class, TokenEvent.Extended.class,
                TokenEvent.ScopesChanged.class, TokenEvent.ExpiringSoon.class, TokenEvent.Revoked.class,
                TokenEvent.Revoked.class, TokenEvent.Leaked.class);
        assertThat(first.events()).extracting(Object::getClass).containsExactlyElementsOf(expected);
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(thrown.get()).isEqualTo(expected.size());

        // The operations themselves all took effect.
        assertThat(announced).extracting(TokenInfo::id).containsExactly(id);
        assertThat(tokens.get(id).orElseThrow().state()).isEqualTo(TokenState.REVOKED);
        assertThat(tokens.get(b.info().id()).orElseThrow().state()).isEqualTo(TokenState.REVOKED);

        TokenEvent.Created created = (TokenEvent.Created) first.events().get(0);
        assertThat(created.actor()).isEqualTo("alice");
        assertThat(created.at()).isEqualTo(Fixtures.START);
        assertThat(created.token().id()).isEqualTo(id);
        TokenEvent.Revoked revoked = (TokenEvent.Revoked) first.events().get(5);
        assertThat(revoked.actor()).isEqualTo("root");
        assertThat(revoked.at()).isEqualTo(clock.instant());
        assertThat(revoked.token().state()).isEqualTo(TokenState.REVOKED);
        TokenEvent.Leaked leaked = (TokenEvent.Leaked) first.events().get(7);
        assertThat(leaked.location()).isEqualTo("pastebin");
        assertThat(leaked.token().id()).isEqualTo(b.info().id());
    }

    @Test
    void theExpiryNoticeFiresOncePerTokenAndAgainAfterAnExtension() {
        ExpiryNotifier notifier = pat4j.expiryNotifier();
        IssuedToken token = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read");
        IssuedToken soon = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(3), "code:read");
        IssuedToken revoked = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(2), "code:read");
        pat4j.tokens().revoke(revoked.info().id(), Actor.user("bob"));
        String id = token.info().id();

        assertThat(notifier.run()).extracting(TokenInfo::id).as("only the one already inside the window")
                .containsExactly(soon.info().id());
        assertThat(notifier.run()).isEmpty();

        clock.set(token.info().expiresAt().minus(Duration.ofDays(7)).minusMillis(1));
        assertThat(notifier.run()).as("one millisecond before the window").isEmpty();
        clock.set(token.info().expiresAt().minus(Duration.ofDays(7)));
        assertThat(notifier.run()).extracting(TokenInfo::id).containsExactly(id);
        clock.advance(Duration.ofDays(1));
        assertThat(notifier.run()).isEmpty();
        assertThat(first.of(TokenEvent.ExpiringSoon.class)).extracting(e -> e.token().id())
                .containsExactly(soon.info().id(), id);

        pat4j.tokens().extend(id, clock.instant().plus(Duration.ofDays(20)), ALICE);
        assertThat(notifier.run()).as("the new expiry is outside the window").isEmpty();
        clock.advance(Duration.ofDays(13));
        assertThat(notifier.run()).extracting(TokenInfo::id).as("re-armed by the extension").containsExactly(id);
        assertThat(notifier.run()).isEmpty();
        assertThat(first.of(TokenEvent.ExpiringSoon.class)).hasSize(3);
        assertThat(second.of(TokenEvent.ExpiringSoon.class)).hasSize(3);
    }

    @Test
    void severalNotifiersOnOneStoreAnnounceEachTokenOnce() {
        RecordingListener otherNode = new RecordingListener();
        try (Pat4j node2 = Fixtures.builder(clock, store).listener(otherNode).build()) {
            for (int i = 0; i < 5; i++) {
                Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(2), "code:read");
            }
            int announced = pat4j.expiryNotifier().run().size() + node2.expiryNotifier().run().size()
                    + pat4j.expiryNotifier().run().size();
            assertThat(announced).isEqualTo(5);
            assertThat(first.of(TokenEvent.ExpiringSoon.class).size() + otherNode.of(TokenEvent.ExpiringSoon.class).size())
                    .isEqualTo(5);
        }
    }

    @Test
    void aConfiguredNoticeWindowIsHonoured() {
        RecordingListener events = new RecordingListener();
        try (Pat4j custom = Fixtures.builder(clock, new InMemoryTokenStore()).expiryNoticeWindow(Duration.ofDays(1))
                .listener(events).build()) {
            IssuedToken t = Fixtures.create(custom, "alice", "acme", Duration.ofDays(3), "code:read");
            assertThat(custom.expiryNotifier().run()).isEmpty();
            clock.set(t.info().expiresAt().minus(Duration.ofDays(1)));
            assertThat(custom.expiryNotifier().run()).hasSize(1);
            assertThat(events.of(TokenEvent.ExpiringSoon.class)).hasSize(1);
        }
        try (Pat4j endless = Fixtures.builder(clock, new InMemoryTokenStore())
                .expiryNoticeWindow(Duration.ofSeconds(Long.MAX_VALUE)).build()) {
            Fixtures.create(endless, "alice", "acme", Duration.ofDays(300), "code:read");
            assertThat(endless.expiryNotifier().run()).as("a window past the end of time covers everything").hasSize(1);
        }
    }
}
