package dev.pat4j.lifecycle;

import static dev.pat4j.testkit.Fixtures.basic;
import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEvent;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.Fixtures.RecordingListener;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token lifecycle as a user and an administrator see it, on a hand-moved clock. */
class LifecycleTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor BOB = Actor.user("bob");
    private static final Actor ADMIN = Actor.administrator("root");

    private MutableClock clock;
    private InMemoryTokenStore store;
    private RecordingListener events;
    private Pat4j pat4j;
    private TokenService tokens;
    private TokenValidator validator;

    @BeforeEach
    void start() {
        clock = new MutableClock(Fixtures.START);
        store = new InMemoryTokenStore();
        events = new RecordingListener();
        pat4j = Fixtures.builder(clock, store).listener(events).build();
        tokens = pat4j.tokens();
        validator = pat4j.validator();
    }

    @AfterEach
    void stop() {
        pat4j.close();
    }

    private IssuedToken create(String owner, String organization, Duration lifespan, String... scopes) {
        return Fixtures.create(pat4j, owner, organization, lifespan, scopes);
    }

    private static RejectionReason reason(ValidationResult r) {
        assertThat(r).isInstanceOf(ValidationResult.Rejected.class);
        return ((ValidationResult.Rejected) r).reason();
    }

    // ---- create and read ----------------------------------------------------------------------

    @Test
    void createReturnsTheSecretOnceAndStoresOnlyItsHash() {
        IssuedToken issued = create("alice", "acme", Duration.ofDays(30), "code:write");
        TokenInfo info = issued.info();
        assertThat(pat4j.format().idOf(issued.token())).isEqualTo(info.id());
        assertThat(info.owner()).isEqualTo("alice");
        assertThat(info.name()).isEqualTo("alice-token");
        assertThat(info.organization()).isEqualTo("acme");
        assertThat(info.scopes().format()).isEqualTo("code:write");
        assertThat(info.createdAt()).isEqualTo(Fixtures.START);
        assertThat(info.createdBy()).isEqualTo("alice");
        assertThat(info.expiresAt()).isEqualTo(Fixtures.START.plus(Duration.ofDays(30)));
        assertThat(info.state()).isEqualTo(TokenState.ACTIVE);
        assertThat(info.revokedAt()).isNull();

        assertThat(tokens.get(info.id())).contains(info);
        String secret = issued.token().substring(16, 48);
        var stored = store.find(info.id()).orElseThrow();
        assertThat(new String(stored.hash(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(stored.toString()).doesNotContain(secret);
        assertThat(stored.salt()).hasSize(16);
        assertThat(stored.hash()).hasSize(32);

        IssuedToken second = create("alice", "acme", Duration.ofDays(30), "code:write");
        assertThat(second.token()).isNotEqualTo(issued.token());
        assertThat(second.info().id()).isNotEqualTo(info.id());
        assertThat(tokens.get("nonexistent12")).isEmpty();
        assertThat(tokens.get(null)).isEmpty();
    }

    @Test
    void anAdministratorMayCreateForSomeoneElseAndAUserMayNot() {
        NewToken forAlice = Fixtures.request("alice", "acme", DAY, "code:read");
        assertThatThrownBy(() -> tokens.create(forAlice, BOB)).isInstanceOf(NotPermittedException.class);
        assertThat(tokens.listByOwner("alice")).isEmpty();
        IssuedToken byAdmin = tokens.create(forAlice, ADMIN);
        assertThat(byAdmin.info().owner()).isEqualTo("alice");
        assertThat(byAdmin.info().createdBy()).isEqualTo("root");
    }

    @Test
    void aTokenRecordsTheToolItWasCreatedViaBesideTheActingUser() {
        String via = "Service Hooks: Azure App Service: Deploy web app";
        IssuedToken hook = tokens.create(NewToken.builder("alice", "deploy hook").organization("acme").lifespan(DAY)
                .scopes("release:execute").createdVia(via).build(), ADMIN);
        IssuedToken byHand = create("alice", "acme", DAY, "code:read");

        assertThat(hook.info().createdBy()).isEqualTo("root");
        assertThat(hook.info().createdVia()).isEqualTo(via);
        assertThat(byHand.info().createdVia()).isNull();
        assertThat(tokens.get(hook.info().id()).orElseThrow().createdVia()).isEqualTo(via);
        assertThat(tokens.listByOwner("alice")).extracting(TokenInfo::createdVia).containsExactlyInAnyOrder(via, null);
        assertThat(store.find(hook.info().id()).orElseThrow().createdVia()).isEqualTo(via);
        assertThat(events.of(TokenEvent.Created.class)).extracting(e -> e.token().createdVia())
                .containsExactly(via, null);
        TokenInfo extended = tokens.extend(hook.info().id(), Fixtures.START.plus(Duration.ofDays(2)), ADMIN);
        assertThat(extended.createdVia()).as("kept by every change").isEqualTo(via);
    }

    @Test
    void createdViaIsFreeTextValidatedLikeTheOtherFields() {
        NewToken.Builder b = NewToken.builder("alice", "x");
        assertThatThrownBy(() -> b.createdVia(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("createdVia must not be blank");
        assertThatThrownBy(() -> b.createdVia("git\non MyMachine")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("createdVia must not contain control characters");
        assertThatThrownBy(() -> b.createdVia(" git")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.createdVia("g".repeat(257))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("createdVia must be at most 256 characters");
        assertThatThrownBy(() -> new NewToken("alice", "x", null, DAY, null, List.of("code:read"), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(b.createdVia("g".repeat(256)).allOrganizations().lifespan(DAY).scopes("code:read").build()
                .createdVia()).hasSize(256);
    }

    @Test
    void unknownScopesAreRefusedAtCreation() {
        NewToken request = Fixtures.request("alice", "acme", DAY, "code:read", "code:destroy");
        assertThatThrownBy(() -> tokens.create(request, ALICE))
                .isInstanceOf(dev.pat4j.scope.UnknownScopeException.class).hasMessageContaining("code:destroy");
        assertThat(tokens.listByOwner("alice")).isEmpty();
        assertThat(events.events()).isEmpty();
    }

    // ---- expiry -------------------------------------------------------------------------------

    @Test
    void expiryIsExactAtTheBoundaryAndReadFromTheClockOnEveryCall() {
        IssuedToken issued = create("alice", "acme", Duration.ofDays(30), "code:read");
        Instant expiry = issued.info().expiresAt();
        String header = bearer(issued.token());

        clock.set(expiry.minusMillis(1));
        assertThat(validator.check(header, "acme").authenticated()).isTrue();   // now cached
        assertThat(tokens.get(issued.info().id()).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);

        clock.set(expiry);
        assertThat(validator.check(header, "acme"))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.EXPIRED, issued.info().id()));
        assertThat(reason(validator.check(basic("u", issued.token()), "acme"))).isEqualTo(RejectionReason.EXPIRED);
        assertThat(tokens.get(issued.info().id()).orElseThrow().state()).isEqualTo(TokenState.EXPIRED);

        clock.set(expiry.minusMillis(1)); // clocks may step back: still decided by the clock, not the cache
        assertThat(validator.check(header, "acme").authenticated()).isTrue();
    }

    @Test
    void anExplicitExpiryIsHonouredToTheMillisecond() {
        Instant at = Fixtures.START.plus(Duration.ofHours(5)).plusMillis(123);
        IssuedToken issued = tokens.create(NewToken.builder("alice", "cli").organization("acme").expiresAt(at)
                .scopes("code:read").build(), ALICE);
        assertThat(issued.info().expiresAt()).isEqualTo(at);
        clock.set(at.minusMillis(1));
        assertThat(validator.check(bearer(issued.token()), "acme").authenticated()).isTrue();
        clock.set(at);
        assertThat(reason(validator.check(bearer(issued.token()), "acme"))).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void extendMovesTheExpiryAndTheValidatorSeesItAtOnce() {
        IssuedToken issued = create("alice", "acme", Duration.ofDays(10), "code:read");
        String header = bearer(issued.token());
        assertThat(validator.check(header, "acme").authenticated()).isTrue();
        Instant newExpiry = Fixtures.START.plus(Duration.ofDays(40));

        TokenInfo extended = tokens.extend(issued.info().id(), newExpiry, ALICE);
        assertThat(extended.expiresAt()).isEqualTo(newExpiry);

        clock.set(Fixtures.START.plus(Duration.ofDays(20)));
        ValidationResult r = validator.check(header, "acme");
        assertThat(r.authenticated()).isTrue();
        assertThat(((ValidationResult.Authenticated) r).principal().expiresAt()).isEqualTo(newExpiry);
        assertThat(events.of(TokenEvent.Extended.class)).singleElement().satisfies(e -> {
            assertThat(e.previousExpiry()).isEqualTo(issued.info().expiresAt());
            assertThat(e.token().expiresAt()).isEqualTo(newExpiry);
            assertThat(e.actor()).isEqualTo("alice");
        });
    }

    @Test
    void anExpiredTokenCannotBeExtendedOrRescoped() {
        IssuedToken issued = create("alice", "acme", DAY, "code:read");
        String id = issued.info().id();
        clock.advance(DAY);
        assertThatThrownBy(() -> tokens.extend(id, clock.instant().plus(DAY), ALICE))
                .isInstanceOfSatisfying(TokenStateException.class, e -> assertThat(e.state()).isEqualTo(TokenState.EXPIRED));
        assertThatThrownBy(() -> tokens.updateScopes(id, List.of("code:write"), ALICE))
                .isInstanceOf(TokenStateException.class);
        assertThat(reason(validator.check(bearer(issued.token()), "acme"))).isEqualTo(RejectionReason.EXPIRED);
    }

    // ---- scopes and organization --------------------------------------------------------------

    @Test
    void updateScopesIsSeenByTheValidatorAtOnce() {
        IssuedToken issued = create("alice", "acme", Duration.ofDays(10), "code:read");
        String header = bearer(issued.token());
        assertThat(principal(validator.check(header, "acme")).hasScope("code:write")).isFalse();

        TokenInfo updated = tokens.updateScopes(issued.info().id(), List.of("code:write", "build:read"), ALICE);
        assertThat(updated.scopes().format()).isEqualTo("build:read code:write");
        var p = principal(validator.check(header, "acme"));
        assertThat(p.hasScope("code:write")).isTrue();
        assertThat(p.hasScope("code:read")).isTrue();
        assertThat(p.hasScope("build:read")).isTrue();
        assertThat(p.hasScope("code:manage")).isFalse();
        assertThat(events.of(TokenEvent.ScopesChanged.class)).singleElement()
                .satisfies(e -> assertThat(e.previousScopes().format()).isEqualTo("code:read"));

        assertThatThrownBy(() -> tokens.updateScopes(issued.info().id(), List.of("nope:x"), ALICE))
                .isInstanceOf(dev.pat4j.scope.UnknownScopeException.class);
        assertThatThrownBy(() -> tokens.updateScopes(issued.info().id(), List.of(), ALICE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.get(issued.info().id()).orElseThrow().scopes().format()).isEqualTo("build:read code:write");
    }

    @Test
    void aTokenOfAnotherOrganizationIsRejected() {
        IssuedToken acme = create("alice", "acme", DAY, "code:read");
        String header = bearer(acme.token());
        assertThat(validator.check(header, "acme").authenticated()).isTrue();
        assertThat(validator.check(header, "globex"))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.WRONG_ORGANIZATION, acme.info().id()));
        assertThat(reason(validator.check(basic("x", acme.token()), "ACME"))).isEqualTo(RejectionReason.WRONG_ORGANIZATION);
        assertThat(validator.check(header))
                .as("a request naming no organization: fail closed")
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.ORGANIZATION_REQUIRED, acme.info().id()));
        assertThat(validator.checkToken(acme.token(), null))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.ORGANIZATION_REQUIRED, acme.info().id()));

        IssuedToken everywhere = tokens.create(NewToken.builder("alice", "all").allOrganizations().lifespan(DAY)
                .scopes("code:read").build(), ALICE);
        assertThat(everywhere.info().allOrganizations()).isTrue();
        var p = principal(validator.check(bearer(everywhere.token()), "globex"));
        assertThat(p.allOrganizations()).isTrue();
        assertThat(validator.check(bearer(everywhere.token()), "acme").authenticated()).isTrue();
        assertThat(validator.check(bearer(everywhere.token())).authenticated())
                .as("an all-organization token on a request naming none").isTrue();
    }

    @Test
    void boundTokensOnRequestsNamingNoOrganizationAreAcceptedOnlyWhenConfiguredSo() {
        IssuedToken acme = create("alice", "acme", DAY, "code:read");
        try (Pat4j lenient = Fixtures.builder(clock, store).acceptBoundTokensWithoutOrganization(true).build()) {
            assertThat(principal(lenient.validator().check(bearer(acme.token()))).organization()).isEqualTo("acme");
            assertThat(lenient.validator().checkToken(acme.token(), null).authenticated()).isTrue();
            assertThat(reason(lenient.validator().check(bearer(acme.token()), "globex")))
                    .as("another organization is still refused").isEqualTo(RejectionReason.WRONG_ORGANIZATION);
        }
        assertThat(reason(validator.check(bearer(acme.token())))).isEqualTo(RejectionReason.ORGANIZATION_REQUIRED);
        assertThat(reason(validator.check(bearer(Fixtures.lookAlike(acme.token())))))
                .as("the secret is checked first").isEqualTo(RejectionReason.SECRET_MISMATCH);
        tokens.revoke(acme.info().id(), ALICE);
        assertThat(reason(validator.check(bearer(acme.token())))).as("and the token's state")
                .isEqualTo(RejectionReason.REVOKED);
    }

    // ---- revocation ---------------------------------------------------------------------------

    @Test
    void aRevokedTokenStaysRevoked() {
        IssuedToken issued = create("alice", "acme", Duration.ofDays(10), "code:read");
        String id = issued.info().id();
        assertThat(validator.check(bearer(issued.token()), "acme").authenticated()).isTrue();

        clock.advance(Duration.ofHours(1));
        TokenInfo revoked = tokens.revoke(id, ALICE);
        assertThat(revoked.state()).isEqualTo(TokenState.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo("alice");
        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
        for (String header : List.of(bearer(issued.token()), basic("", issued.token()), basic(issued.token(), ""))) {
            assertThat(validator.check(header, "acme")).isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, id));
        }
        assertThatThrownBy(() -> tokens.extend(id, clock.instant().plus(DAY), ALICE))
                .isInstanceOfSatisfying(TokenStateException.class, e -> assertThat(e.state()).isEqualTo(TokenState.REVOKED));
        assertThatThrownBy(() -> tokens.updateScopes(id, List.of("code:write"), ALICE))
                .isInstanceOf(TokenStateException.class);
        assertThatThrownBy(() -> tokens.extend(id, clock.instant().plus(DAY), ADMIN))
                .isInstanceOf(TokenStateException.class);

        clock.advance(Duration.ofMinutes(5));
        TokenInfo again = tokens.revoke(id, ADMIN);
        assertThat(again.revokedBy()).as("the first revocation stands").isEqualTo("alice");
        assertThat(again.revokedAt()).isEqualTo(revoked.revokedAt());
        assertThat(events.of(TokenEvent.Revoked.class)).hasSize(1);

        clock.advance(Duration.ofDays(30)); // past expiry: revoked still wins
        assertThat(tokens.get(id).orElseThrow().state()).isEqualTo(TokenState.REVOKED);
        assertThat(reason(validator.check(bearer(issued.token()), "acme"))).isEqualTo(RejectionReason.REVOKED);
    }

    @Test
    void aUserCannotManageAnotherUsersTokenButAnAdministratorCan() {
        IssuedToken issued = create("alice", "acme", Duration.ofDays(10), "code:read");
        String id = issued.info().id();
        Instant later = Fixtures.START.plus(Duration.ofDays(20));
        assertThatThrownBy(() -> tokens.revoke(id, BOB)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> tokens.extend(id, later, BOB)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> tokens.updateScopes(id, List.of("code:write"), BOB))
                .isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> tokens.revokeAll("alice", BOB)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> tokens.revokeAll("alice", ALICE)).isInstanceOf(NotPermittedException.class);
        TokenInfo unchanged = tokens.get(id).orElseThrow();
        assertThat(unchanged).isEqualTo(issued.info());
        assertThat(events.events()).hasSize(1); // only Created
        assertThat(validator.check(bearer(issued.token()), "acme").authenticated()).isTrue();

        assertThat(tokens.extend(id, later, ADMIN).expiresAt()).isEqualTo(later);
        assertThat(tokens.updateScopes(id, List.of("code:write"), ADMIN).scopes().format()).isEqualTo("code:write");
        TokenInfo revoked = tokens.revoke(id, ADMIN);
        assertThat(revoked.revokedBy()).isEqualTo("root");
        assertThat(events.of(TokenEvent.Revoked.class)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("root"));
    }

    @Test
    void operationsOnAnUnknownIdSayNotFound() {
        assertThatThrownBy(() -> tokens.revoke("AAAAAAAAAAAA", ADMIN)).hasMessageContaining("AAAAAAAAAAAA")
                .isInstanceOfSatisfying(TokenNotFoundException.class, e -> assertThat(e.tokenId()).isEqualTo("AAAAAAAAAAAA"));
        String token = new dev.pat4j.internal.TokenCodec("pat").generate(new java.security.SecureRandom());
        assertThatThrownBy(() -> tokens.revoke(token, ADMIN)).isInstanceOf(TokenNotFoundException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token.substring(16, 48)));
        assertThatThrownBy(() -> tokens.extend("AAAAAAAAAAAA", clock.instant().plus(DAY), ADMIN))
                .isInstanceOf(TokenNotFoundException.class);
        assertThatThrownBy(() -> tokens.updateScopes("AAAAAAAAAAAA", List.of("code:read"), ADMIN))
                .isInstanceOf(TokenNotFoundException.class);
    }

    @Test
    void revokeAllRevokesEveryActiveTokenOfTheOwnerOnly() {
        IssuedToken a1 = create("alice", "acme", Duration.ofDays(10), "code:read");
        IssuedToken a2 = create("alice", "globex", Duration.ofDays(10), "build:read");
        IssuedToken expired = create("alice", "acme", Duration.ofHours(1), "code:read");
        IssuedToken revoked = create("alice", "acme", Duration.ofDays(10), "code:read");
        IssuedToken bobs = create("bob", "acme", Duration.ofDays(10), "code:read");
        tokens.revoke(revoked.info().id(), ALICE);
        clock.advance(Duration.ofHours(2));
        events.clear();

        assertThat(tokens.revokeAll("alice", ADMIN)).isEqualTo(2);

        for (IssuedToken t : List.of(a1, a2)) {
            assertThat(tokens.get(t.info().id()).orElseThrow().revokedBy()).isEqualTo("root");
            assertThat(reason(validator.check(bearer(t.token()), "acme"))).isEqualTo(RejectionReason.REVOKED);
        }
        assertThat(tokens.get(expired.info().id()).orElseThrow().state()).as("expired stays expired")
                .isEqualTo(TokenState.EXPIRED);
        assertThat(tokens.get(revoked.info().id()).orElseThrow().revokedBy()).isEqualTo("alice");
        assertThat(validator.check(bearer(bobs.token()), "acme").authenticated()).isTrue();
        assertThat(events.of(TokenEvent.Revoked.class)).extracting(e -> e.token().id())
                .containsExactlyInAnyOrder(a1.info().id(), a2.info().id());
        assertThat(tokens.revokeAll("alice", ADMIN)).isZero();
        assertThat(tokens.revokeAll("nobody", ADMIN)).isZero();
    }

    @Test
    void revokeLeakedRevokesARealTokenAndIgnoresALookAlike() {
        IssuedToken issued = create("alice", "acme", Duration.ofDays(10), "code:read");
        String id = issued.info().id();
        String token = issued.token();
        // Same id, another secret, a correct checksum: passes every format check, is not the token.
        String lookAlike = Fixtures.lookAlike(token);
        assertThat(pat4j.format().isWellFormed(lookAlike)).isTrue();
        assertThat(pat4j.format().idOf(lookAlike)).isEqualTo(id);

        assertThat(tokens.revokeLeaked(lookAlike, "https://example.com/paste/1")).isEmpty();
        assertThat(tokens.revokeLeaked("pat_not-a-token", "x")).isEmpty();
        assertThat(tokens.revokeLeaked(null, "x")).isEmpty();
        assertThat(tokens.revokeLeaked(Fixtures.withChecksum("pat_ZZZZZZZZZZZZ" + token.substring(16, 48)), "x")).isEmpty();
        assertThat(tokens.get(id).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);
        assertThat(validator.check(bearer(token), "acme").authenticated()).isTrue();
        assertThat(events.of(TokenEvent.Leaked.class)).isEmpty();

        Optional<TokenInfo> leaked = tokens.revokeLeaked(token, "https://example.com/repo/.env");
        assertThat(leaked).hasValueSatisfying(info -> {
            assertThat(info.id()).isEqualTo(id);
            assertThat(info.state()).isEqualTo(TokenState.REVOKED);
        });
        assertThat(reason(validator.check(bearer(token), "acme"))).isEqualTo(RejectionReason.REVOKED);
        assertThat(events.of(TokenEvent.Leaked.class)).singleElement()
                .satisfies(e -> assertThat(e.location()).isEqualTo("https://example.com/repo/.env"));
        assertThat(events.of(TokenEvent.Revoked.class)).hasSize(1);
    }

    // ---- listing ------------------------------------------------------------------------------

    @Test
    void revokedAndExpiredTokensStayListableWithTheirState() {
        IssuedToken active = create("alice", "acme", Duration.ofDays(10), "code:read");
        clock.advance(Duration.ofMinutes(1));
        IssuedToken expiring = create("alice", "acme", Duration.ofHours(1), "code:read");
        clock.advance(Duration.ofMinutes(1));
        IssuedToken revoked = create("alice", "acme", Duration.ofDays(10), "code:read");
        clock.advance(Duration.ofMinutes(1));
        create("bob", "acme", Duration.ofDays(10), "code:read");
        tokens.revoke(revoked.info().id(), ALICE);
        clock.advance(Duration.ofHours(2));

        List<TokenInfo> list = tokens.listByOwner("alice");
        assertThat(list).extracting(TokenInfo::id).as("newest first")
                .containsExactly(revoked.info().id(), expiring.info().id(), active.info().id());
        assertThat(list).extracting(TokenInfo::state)
                .containsExactly(TokenState.REVOKED, TokenState.EXPIRED, TokenState.ACTIVE);
        assertThat(tokens.listByOwner("carol")).isEmpty();
    }

    @Test
    void listExpiringWithinListsActiveTokensInTheWindowSoonestFirst() {
        IssuedToken in3 = create("alice", "acme", Duration.ofDays(3), "code:read");
        IssuedToken in1 = create("bob", "acme", Duration.ofDays(1), "code:read");
        IssuedToken in7 = create("alice", "acme", Duration.ofDays(7), "code:read");
        create("alice", "acme", Duration.ofDays(8), "code:read");
        IssuedToken revokedIn2 = create("alice", "acme", Duration.ofDays(2), "code:read");
        IssuedToken gone = create("alice", "acme", Duration.ofHours(1), "code:read");
        tokens.revoke(revokedIn2.info().id(), ALICE);
        clock.advance(Duration.ofHours(1)); // 'gone' expires exactly now

        List<TokenInfo> within = tokens.listExpiringWithin(Duration.ofDays(7).minusHours(1));
        assertThat(within).extracting(TokenInfo::id)
                .containsExactly(in1.info().id(), in3.info().id(), in7.info().id());
        assertThat(within).allMatch(t -> t.state() == TokenState.ACTIVE);
        assertThat(within).extracting(TokenInfo::id).doesNotContain(gone.info().id(), revokedIn2.info().id());
        assertThat(tokens.listExpiringWithin(Duration.ZERO)).isEmpty();
        assertThatThrownBy(() -> tokens.listExpiringWithin(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static dev.pat4j.validation.TokenPrincipal principal(ValidationResult r) {
        assertThat(r).isInstanceOf(ValidationResult.Authenticated.class);
        return ((ValidationResult.Authenticated) r).principal();
    }
}
