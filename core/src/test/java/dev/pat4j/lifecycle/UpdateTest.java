package dev.pat4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEvent;
import dev.pat4j.scope.UnknownScopeException;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.Fixtures.RecordingListener;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TokenService#update}: all parts in one write, or nothing when any part is refused. */
class UpdateTest {
    private static final Actor ALICE = Actor.user("alice");

    private MutableClock clock;
    private InMemoryTokenStore store;
    private RecordingListener events;
    private Pat4j pat4j;
    private TokenService tokens;

    @BeforeEach
    void start() {
        clock = new MutableClock(Fixtures.START);
        store = new InMemoryTokenStore();
        events = new RecordingListener();
        pat4j = Fixtures.builder(clock, store).listener(events).build();
        tokens = pat4j.tokens();
    }

    @AfterEach
    void stop() {
        pat4j.close();
    }

    private TokenInfo create() {
        return Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(10), "code:read").info();
    }

    @Test
    void everyPartChangesInOneVersionAndEachFiresItsEvent() {
        TokenInfo token = create();
        long version = store.find(token.id()).orElseThrow().version();
        Instant expiry = Fixtures.START.plus(Duration.ofDays(20));

        TokenInfo after = tokens.update(token.id(), new TokenChanges("ci", List.of("code:write"), expiry), ALICE);

        assertThat(after.name()).isEqualTo("ci");
        assertThat(after.scopes().contains("code:write")).isTrue();
        assertThat(after.expiresAt()).isEqualTo(expiry);
        assertThat(tokens.get(token.id())).contains(after);
        assertThat(store.find(token.id()).orElseThrow().version()).isEqualTo(version + 1);
        assertThat(events.of(TokenEvent.Renamed.class)).singleElement()
                .satisfies(e -> assertThat(e.previousName()).isEqualTo(token.name()));
        assertThat(events.of(TokenEvent.ScopesChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.previousScopes()).isEqualTo(token.scopes()));
        assertThat(events.of(TokenEvent.Extended.class)).singleElement()
                .satisfies(e -> assertThat(e.previousExpiry()).isEqualTo(token.expiresAt()));
    }

    @Test
    void aRefusedPartLeavesTheOthersUnmade() {
        TokenInfo token = create();
        Instant tooLate = Fixtures.START.plus(Duration.ofDays(4000));

        assertThatThrownBy(() -> tokens.update(token.id(), new TokenChanges("ci", null, tooLate), ALICE))
                .isInstanceOf(PolicyViolationException.class);
        assertThatThrownBy(() -> tokens.update(token.id(), new TokenChanges("ci", List.of("no:such"), null), ALICE))
                .isInstanceOf(UnknownScopeException.class);

        assertThat(tokens.get(token.id())).contains(token);
        assertThat(events.of(TokenEvent.Renamed.class)).isEmpty();
    }

    @Test
    void anExpiredTokenCanBeRenamedButNotExtendedAndARevokedOneNotAtAll() {
        TokenInfo token = create();
        clock.advance(Duration.ofDays(11));
        assertThat(tokens.update(token.id(), new TokenChanges("old", null, null), ALICE).name()).isEqualTo("old");
        assertThatThrownBy(() -> tokens.update(token.id(),
                new TokenChanges("older", null, clock.instant().plus(Duration.ofDays(1))), ALICE))
                .isInstanceOf(TokenStateException.class);
        assertThat(tokens.get(token.id()).orElseThrow().name()).isEqualTo("old");

        TokenInfo other = create();
        tokens.revoke(other.id(), ALICE);
        assertThatThrownBy(() -> tokens.update(other.id(), new TokenChanges("x", null, null), ALICE))
                .isInstanceOf(TokenStateException.class)
                .satisfies(e -> assertThat(((TokenStateException) e).state()).isEqualTo(TokenState.REVOKED));
    }

    @Test
    void anotherUsersTokenIsRefusedAndUnchanged() {
        TokenInfo token = create();
        assertThatThrownBy(() -> tokens.update(token.id(), new TokenChanges("mine", null, null), Actor.user("bob")))
                .isInstanceOf(NotPermittedException.class);
        assertThat(tokens.get(token.id())).contains(token);
    }

    @Test
    void sameValuesChangeNothing() {
        TokenInfo token = create();
        long version = store.find(token.id()).orElseThrow().version();
        assertThat(tokens.update(token.id(), new TokenChanges(token.name(), null, token.expiresAt()), ALICE))
                .isEqualTo(token);
        assertThat(store.find(token.id()).orElseThrow().version()).isEqualTo(version);
        assertThat(events.of(TokenEvent.Renamed.class)).isEmpty();
    }
}
