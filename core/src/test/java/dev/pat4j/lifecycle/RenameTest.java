package dev.pat4j.lifecycle;

import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEvent;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.Fixtures.RecordingListener;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TokenService#rename}: who may, in which states, which names, and what it leaves behind. */
class RenameTest {
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor BOB = Actor.user("bob");
    private static final Actor ADMIN = Actor.administrator("root");

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

    private IssuedToken create() {
        return Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(10), "code:read");
    }

    @Test
    void renameChangesTheNameEverywhereBumpsTheVersionAndFiresTheEvent() {
        IssuedToken issued = create();
        String id = issued.info().id();
        long version = store.find(id).orElseThrow().version();
        clock.advance(Duration.ofMinutes(5));

        TokenInfo renamed = tokens.rename(id, "laptop — build agent", ALICE);

        assertThat(renamed.name()).isEqualTo("laptop — build agent");
        assertThat(renamed).usingRecursiveComparison().ignoringFields("name").isEqualTo(issued.info());
        assertThat(tokens.get(id)).contains(renamed);
        assertThat(tokens.listByOwner("alice")).containsExactly(renamed);
        assertThat(store.find(id).orElseThrow().version()).isEqualTo(version + 1);
        assertThat(store.changesSince(0, 10)).extracting(c -> c.tokenId()).contains(id);
        assertThat(events.of(TokenEvent.Renamed.class)).singleElement().satisfies(e -> {
            assertThat(e.token()).isEqualTo(renamed);
            assertThat(e.previousName()).isEqualTo("alice-token");
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.at()).isEqualTo(Fixtures.START.plus(Duration.ofMinutes(5)));
        });
        assertThat(pat4j.validator().check(bearer(issued.token()), "acme").authenticated())
                .as("the secret still works: a name grants nothing").isTrue();
    }

    @Test
    void renamingToTheSameNameChangesNothing() {
        IssuedToken issued = create();
        long version = store.find(issued.info().id()).orElseThrow().version();
        assertThat(tokens.rename(issued.info().id(), "alice-token", ALICE)).isEqualTo(issued.info());
        assertThat(store.find(issued.info().id()).orElseThrow().version()).isEqualTo(version);
        assertThat(events.of(TokenEvent.Renamed.class)).isEmpty();
    }

    @Test
    void anExpiredTokenMayBeRenamedARevokedOneMayNot() {
        IssuedToken expiring = create();
        IssuedToken revoked = create();
        tokens.revoke(revoked.info().id(), ALICE);
        clock.advance(Duration.ofDays(11));

        assertThat(tokens.rename(expiring.info().id(), "old laptop", ALICE))
                .extracting(TokenInfo::name, TokenInfo::state).containsExactly("old laptop", TokenState.EXPIRED);
        assertThatThrownBy(() -> tokens.rename(revoked.info().id(), "gone", ALICE))
                .isInstanceOfSatisfying(TokenStateException.class,
                        e -> assertThat(e.state()).isEqualTo(TokenState.REVOKED));
        assertThatThrownBy(() -> tokens.rename(revoked.info().id(), "gone", ADMIN))
                .isInstanceOf(TokenStateException.class);
        assertThat(tokens.get(revoked.info().id()).orElseThrow().name()).isEqualTo("alice-token");
    }

    @Test
    void onlyTheOwnerOrAnAdministratorMayRename() {
        IssuedToken issued = create();
        assertThatThrownBy(() -> tokens.rename(issued.info().id(), "mine now", BOB))
                .isInstanceOf(NotPermittedException.class);
        assertThat(tokens.get(issued.info().id()).orElseThrow().name()).isEqualTo("alice-token");
        assertThat(tokens.rename(issued.info().id(), "named by ops", ADMIN).name()).isEqualTo("named by ops");
        assertThat(events.of(TokenEvent.Renamed.class)).extracting(TokenEvent.Renamed::actor).containsExactly("root");
    }

    @Test
    void aMissingTokenIsNotFoundAndAWholeTokenInPlaceOfTheIdIsNotEchoed() {
        IssuedToken issued = create();
        assertThatThrownBy(() -> tokens.rename("AAAAAAAAAAAA", "x", ADMIN)).isInstanceOf(TokenNotFoundException.class);
        assertThatThrownBy(() -> tokens.rename(issued.token(), "x", ADMIN))
                .isInstanceOf(TokenNotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(issued.token()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " padded", "padded ", "line\nbreak", "tab\there", "nul\u0000",
            "evil\u202Egnp.exe", "isolate\u2066x\u2069", "del\u007F"})
    void namesCreateRefusesAreRefusedAndChangeNothing(String name) {
        IssuedToken issued = create();
        assertThatThrownBy(() -> tokens.rename(issued.info().id(), name, ALICE))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("name must not"));
        assertThatThrownBy(() -> NewToken.builder("alice", name)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.get(issued.info().id()).orElseThrow().name()).isEqualTo("alice-token");
        assertThat(events.of(TokenEvent.Renamed.class)).isEmpty();
    }

    @Test
    void theNameIsBoundedAsAtCreation() {
        IssuedToken issued = create();
        assertThatThrownBy(() -> tokens.rename(issued.info().id(), "n".repeat(257), ALICE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must be at most 256 characters");
        assertThat(tokens.rename(issued.info().id(), "n".repeat(256), ALICE).name()).hasSize(256);
    }
}
