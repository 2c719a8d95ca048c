package dev.pat4j.owner;

import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.OwnerRightsException;
import dev.pat4j.lifecycle.OwnerRightsException.Refusal;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.testkit.MutableOwnerDirectory;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.ValidationResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Owners' rights on one node: management calls refuse what the owner may not do, whoever acts;
 * validation grants the token's scopes narrowed to the owner's, read when the token is loaded
 * into the cache (never on a hit), and refuses the tokens of an inactive owner after the
 * secret is verified; {@code ownerChanged} makes a change count at once.
 */
class OwnerRightsTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor ADMIN = Actor.administrator("root");

    private static final java.lang.reflect.Method ALLOCATED_BYTES = allocatedBytesMethod();

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = quiet(new CountingStore(new InMemoryTokenStore()));
    private final MutableOwnerDirectory directory = new MutableOwnerDirectory();
    // One node: its own changes reach its cache at once. The feed (which lists creates too) is not
    // followed during a test, so its echo of a create cannot drop an entry a test asserts is cached.
    private final Pat4j pat4j = Fixtures.builder(clock, store).owners(directory).changePollInterval(Duration.ofHours(1))
            .policy(TokenPolicy.builder().allowFullAccess(true).build()).build();
    private final TokenService tokens = pat4j.tokens();

    private static CountingStore quiet(CountingStore store) {
        store.setWakeUps(false);
        return store;
    }

    @AfterEach
    void close() {
        pat4j.close();
    }

    private static NewToken request(String organization, String... scopes) {
        NewToken.Builder b = NewToken.builder("alice", "t").lifespan(Duration.ofDays(10)).scopes(scopes);
        return (organization == null ? b.allOrganizations() : b.organization(organization)).build();
    }

    private ValidationResult check(IssuedToken t, String organization) {
        return pat4j.validator().check(bearer(t.token()), organization);
    }

    private static TokenPrincipal principal(ValidationResult r) {
        assertThat(r).isInstanceOf(ValidationResult.Authenticated.class);
        return ((ValidationResult.Authenticated) r).principal();
    }

    // ---- management ---------------------------------------------------------------------------

    @Test
    void theDefaultDirectoryGrantsEverythingAndIsNeverInTheWay() {
        try (Pat4j plain = Fixtures.builder(clock, new InMemoryTokenStore())
                .policy(TokenPolicy.builder().allowFullAccess(true).build()).build()) {
            IssuedToken all = plain.tokens().create(request(null, "*"), ALICE);
            assertThat(principal(plain.validator().check(bearer(all.token()), "anywhere")).scopes().isFullAccess())
                    .isTrue();
            assertThat(plain.tokens().ownerChanged("alice")).isEqualTo(1);
        }
        assertThat(OwnerDirectory.everything().rightsOf("anyone")).isEqualTo(OwnerRights.everything());
        assertThat(OwnerRights.everything().allScopes()).isTrue();
        assertThat(OwnerRights.everything().mayBindTo(null)).isTrue();
    }

    @Test
    void aTokenIsCreatedOnlyWithinItsOwnersScopesWhoeverActs() {
        directory.set("alice", OwnerRights.everything().withScopes("code:write", "build:read"));

        assertThat(tokens.create(request("acme", "code:read", "build:read"), ALICE).info().scopes().format())
                .as("an implied scope is held").isEqualTo("build:read code:read");
        for (Actor actor : List.of(ALICE, ADMIN)) {
            assertThatThrownBy(() -> tokens.create(request("acme", "code:manage", "build:read", "release:read"), actor))
                    .isInstanceOfSatisfying(OwnerRightsException.class, e -> {
                        assertThat(e.refusal()).isEqualTo(Refusal.SCOPE_NOT_HELD);
                        assertThat(e.owner()).isEqualTo("alice");
                        assertThat(e.scopes()).containsExactlyInAnyOrder("code:manage", "release:read");
                    })
                    .hasMessage("owner rights SCOPE_NOT_HELD: alice does not hold code:manage release:read");
        }
        assertThatThrownBy(() -> tokens.create(request("acme", "*"), ADMIN)).isInstanceOfSatisfying(
                OwnerRightsException.class, e -> assertThat(e.scopes()).containsExactly("*"));
        assertThat(tokens.listByOwner("alice")).hasSize(1);
    }

    @Test
    void aTokenIsBoundOnlyToAnOrganizationItsOwnerMayActIn() {
        directory.set("alice", OwnerRights.everything().withOrganizations("acme"));

        assertThat(tokens.create(request("acme", "code:read"), ALICE).info().organization()).isEqualTo("acme");
        assertThatThrownBy(() -> tokens.create(request("globex", "code:read"), ADMIN))
                .isInstanceOfSatisfying(OwnerRightsException.class, e -> {
                    assertThat(e.refusal()).isEqualTo(Refusal.ORGANIZATION_NOT_ALLOWED);
                    assertThat(e.organization()).isEqualTo("globex");
                })
                .hasMessage("owner rights ORGANIZATION_NOT_ALLOWED: alice may not bind a token to organization globex");
        assertThatThrownBy(() -> tokens.create(request(null, "code:read"), ALICE))
                .isInstanceOfSatisfying(OwnerRightsException.class, e -> {
                    assertThat(e.refusal()).isEqualTo(Refusal.ORGANIZATION_NOT_ALLOWED);
                    assertThat(e.organization()).isNull();
                })
                .hasMessageContaining("may not hold tokens for all organizations");
    }

    @Test
    void anInactiveOwnerCanNeitherCreateNorExtendNorRescopeButTheirTokensCanBeRevoked() {
        IssuedToken t = tokens.create(request("acme", "code:read"), ALICE);
        directory.set("alice", OwnerRights.inactive());

        for (Runnable call : List.<Runnable>of(
                () -> tokens.create(request("acme", "code:read"), ADMIN),
                () -> tokens.extend(t.info().id(), Fixtures.START.plus(Duration.ofDays(20)), ADMIN),
                () -> tokens.updateScopes(t.info().id(), List.of("code:read"), ALICE))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(OwnerRightsException.class,
                    e -> assertThat(e.refusal()).isEqualTo(Refusal.OWNER_INACTIVE))
                    .hasMessage("owner rights OWNER_INACTIVE: alice is not active");
        }
        assertThat(tokens.get(t.info().id()).orElseThrow().expiresAt()).isEqualTo(t.info().expiresAt());
        assertThat(tokens.revoke(t.info().id(), ALICE).revokedBy()).isEqualTo("alice");
    }

    @Test
    void extendAndRescopeKeepTheTokenWithinItsOwnersCurrentRights() {
        IssuedToken t = tokens.create(request("acme", "code:write", "build:read"), ALICE);
        directory.set("alice", OwnerRights.everything().withScopes("code:read", "build:read"));
        String id = t.info().id();

        assertThatThrownBy(() -> tokens.extend(id, Fixtures.START.plus(Duration.ofDays(20)), ALICE))
                .isInstanceOfSatisfying(OwnerRightsException.class,
                        e -> assertThat(e.scopes()).containsExactly("code:write"));
        assertThatThrownBy(() -> tokens.updateScopes(id, List.of("code:manage"), ADMIN))
                .isInstanceOfSatisfying(OwnerRightsException.class,
                        e -> assertThat(e.scopes()).containsExactly("code:manage"));

        assertThat(tokens.updateScopes(id, List.of("code:read"), ALICE).scopes().format()).isEqualTo("code:read");
        assertThat(tokens.extend(id, Fixtures.START.plus(Duration.ofDays(20)), ALICE).expiresAt())
                .isEqualTo(Fixtures.START.plus(Duration.ofDays(20)));

        directory.set("alice", OwnerRights.everything().withOrganizations("globex"));
        assertThatThrownBy(() -> tokens.extend(id, Fixtures.START.plus(Duration.ofDays(21)), ALICE))
                .isInstanceOfSatisfying(OwnerRightsException.class,
                        e -> assertThat(e.organization()).isEqualTo("acme"));
    }

    // ---- validation ---------------------------------------------------------------------------

    @Test
    void aTokenGrantsItsScopesNarrowedToItsOwnersReadWhenLoadedAndNeverOnAHit() {
        IssuedToken t = tokens.create(request("acme", "code:manage", "build:read"), ALICE);
        assertThat(principal(check(t, "acme")).scopes().format()).isEqualTo("build:read code:manage");
        int askedAfterLoad = directory.asked("alice");
        int findsAfterLoad = store.findsOf(t.info().id());
        for (int i = 0; i < 100; i++) {
            assertThat(check(t, "acme").authenticated()).isTrue();
        }
        assertThat(directory.asked("alice")).as("no question on a hit").isEqualTo(askedAfterLoad);
        assertThat(store.findsOf(t.info().id())).as("no store call on a hit").isEqualTo(findsAfterLoad);

        directory.set("alice", OwnerRights.everything().withScopes("code:write", "packaging:read"));
        assertThat(principal(check(t, "acme")).scopes().format())
                .as("cached: the old answer holds until reloaded").isEqualTo("build:read code:manage");

        assertThat(tokens.ownerChanged("alice")).isEqualTo(1);
        TokenPrincipal narrowed = principal(check(t, "acme"));
        assertThat(narrowed.scopes().format()).isEqualTo("code:write");
        assertThat(narrowed.hasScope("code:read")).isTrue();
        assertThat(narrowed.hasScope("code:manage")).isFalse();
        assertThat(narrowed.hasScope("packaging:read")).as("the owner's, not the token's").isFalse();
        assertThat(tokens.get(t.info().id()).orElseThrow().scopes().format())
                .as("the token itself is unchanged").isEqualTo("build:read code:manage");
    }

    @Test
    void aFullAccessTokenGrantsOnlyWhatItsOwnerHolds() {
        IssuedToken t = tokens.create(request(null, "*"), ADMIN);
        directory.set("alice", OwnerRights.everything().withScopes("code:read"));
        tokens.ownerChanged("alice");

        TokenPrincipal p = principal(check(t, "acme"));
        assertThat(p.scopes().format()).isEqualTo("code:read");
        assertThat(p.scopes().isFullAccess()).isFalse();
    }

    /**
     * An owner who holds none of the token's scopes: the token still authenticates (the token is
     * valid, its owner active) and grants nothing, so any scoped resource answers 403
     * insufficient_scope, the answer for a token that lacks a scope, rather than a 401 that would
     * make a tool ask for new credentials.
     */
    @Test
    void aTokenWhoseScopesItsOwnerNoLongerHoldsAuthenticatesWithNoScope() {
        IssuedToken t = tokens.create(request("acme", "code:read"), ALICE);
        directory.set("alice", OwnerRights.everything().withScopes("build:read"));
        tokens.ownerChanged("alice");

        TokenPrincipal p = principal(check(t, "acme"));
        assertThat(p.scopes().isEmpty()).isTrue();
        assertThat(p.hasScope("code:read")).isFalse();
    }

    @Test
    void anInactiveOwnersTokensAreRefusedWithTheirOwnReasonOnlyOnceTheSecretMatched() {
        IssuedToken t = tokens.create(request("acme", "code:read"), ALICE);
        IssuedToken revoked = tokens.create(request("acme", "code:read"), ALICE);
        tokens.revoke(revoked.info().id(), ALICE);
        IssuedToken expiring = tokens.create(NewToken.builder("alice", "short").organization("acme").lifespan(DAY)
                .scopes("code:read").build(), ALICE);
        assertThat(check(t, "acme").authenticated()).isTrue();

        directory.set("alice", OwnerRights.inactive());
        assertThat(check(t, "acme").authenticated()).as("cached until told").isTrue();
        assertThat(tokens.ownerChanged("alice")).isEqualTo(2);
        clock.advance(Duration.ofDays(2));

        String id = t.info().id();
        assertThat(check(t, "acme")).isEqualTo(new ValidationResult.Rejected(RejectionReason.OWNER_INACTIVE, id));
        assertThat(check(t, null)).isEqualTo(new ValidationResult.Rejected(RejectionReason.OWNER_INACTIVE, id));
        assertThat(pat4j.validator().check(bearer(Fixtures.lookAlike(t.token())), "acme"))
                .as("an id alone tells nothing about the owner")
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id));
        assertThat(check(revoked, "acme")).isEqualTo(
                new ValidationResult.Rejected(RejectionReason.REVOKED, revoked.info().id()));
        assertThat(check(expiring, "acme")).isEqualTo(
                new ValidationResult.Rejected(RejectionReason.EXPIRED, expiring.info().id()));

        directory.set("alice", OwnerRights.everything());
        tokens.ownerChanged("alice");
        assertThat(check(t, "acme").authenticated()).as("active again").isTrue();
    }

    @Test
    void tokensActOnlyInOrganizationsTheirOwnerMayActIn() {
        IssuedToken acme = tokens.create(request("acme", "code:read"), ALICE);
        IssuedToken everywhere = tokens.create(request(null, "code:read"), ALICE);
        directory.set("alice", OwnerRights.everything().withOrganizations("globex", "initech"));
        tokens.ownerChanged("alice");

        assertThat(check(acme, "acme")).as("bound to an organization its owner left").isEqualTo(
                new ValidationResult.Rejected(RejectionReason.WRONG_ORGANIZATION, acme.info().id()));
        assertThat(check(everywhere, "globex").authenticated()).isTrue();
        assertThat(check(everywhere, "initech").authenticated()).isTrue();
        assertThat(check(everywhere, "acme")).isEqualTo(
                new ValidationResult.Rejected(RejectionReason.WRONG_ORGANIZATION, everywhere.info().id()));
        assertThat(check(everywhere, null).authenticated())
                .as("a request naming no organization accepts an all-organization token").isTrue();
        assertThat(principal(check(everywhere, "globex")).allOrganizations()).isTrue();
    }

    /** Rights are read at load: a hit of a narrowed or organization-limited token allocates no more than any hit, nothing. */
    @Test
    void aCacheHitAllocatesNothingWhateverTheOwnersRights() {
        IssuedToken narrowed = tokens.create(request("acme", "code:write", "build:read"), ALICE);
        IssuedToken limited = tokens.create(request(null, "code:read"), ALICE);
        IssuedToken plain = tokens.create(NewToken.builder("bob", "b").organization("acme").lifespan(DAY)
                .scopes("code:read").build(), Actor.user("bob"));
        directory.set("alice", OwnerRights.everything().withScopes("code:read", "build:read")
                .withOrganizations("acme", "globex"));
        tokens.ownerChanged("alice");
        String[] headers = {bearer(narrowed.token()), bearer(limited.token()), bearer(plain.token())};

        int authenticated = hits(headers, 30_000); // warm: loads, last-used touches, compilation
        long before = allocatedBytes();
        authenticated += hits(headers, 30_000);
        long allocated = allocatedBytes() - before;

        assertThat(authenticated).isEqualTo(60_000);
        // Any allocation on a hit would be at least 16 bytes each: 480,000 for these hits. What
        // remains is the JVM's own (compilation transitions, the reading itself), not per hit.
        assertThat(allocated).as("bytes allocated by 30,000 cache hits").isLessThan(30_000);
        assertThat(principal(check(narrowed, "acme")).scopes().format()).isEqualTo("build:read code:read");
        assertThat(check(limited, "initech").authenticated()).isFalse();
    }

    /**
     * This thread's allocated bytes, through the JDK's {@code com.sun.management.ThreadMXBean}
     * by reflection (this module does not read {@code jdk.management}).
     */
    private static long allocatedBytes() {
        try {
            return (long) ALLOCATED_BYTES.invoke(java.lang.management.ManagementFactory.getThreadMXBean(),
                    Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this JDK does not count allocated bytes per thread", e);
        }
    }

    private static java.lang.reflect.Method allocatedBytesMethod() {
        try {
            return Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int hits(String[] headers, int n) {
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (pat4j.validator().check(headers[i % headers.length], "acme").authenticated()) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void aDirectoryThatFailsFailsClosedButCachedTokensKeepWorking() {
        IssuedToken cached = tokens.create(request("acme", "code:read"), ALICE);
        IssuedToken uncached = tokens.create(NewToken.builder("bob", "b").organization("acme").lifespan(DAY)
                .scopes("code:read").build(), Actor.user("bob"));
        assertThat(check(cached, "acme").authenticated()).isTrue();
        try (Pat4j failing = Fixtures.builder(clock, store).owners(owner -> {
            throw new IllegalStateException("user database down");
        }).build()) {
            assertThat(failing.validator().check(bearer(uncached.token()), "acme")).isEqualTo(
                    new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, uncached.info().id()));
            assertThatThrownBy(() -> failing.tokens().create(request("acme", "code:read"), ALICE))
                    .isInstanceOf(IllegalStateException.class).hasMessage("user database down");
        }
        assertThat(check(cached, "acme").authenticated()).isTrue();
    }

    @Test
    void rightsNamingUndeclaredScopesGrantNothingMore() {
        IssuedToken t = tokens.create(request("acme", "code:read", "build:read"), ALICE);
        directory.set("alice", OwnerRights.everything().withScopes("code:read", "code:destroy"));
        tokens.ownerChanged("alice");

        assertThat(principal(check(t, "acme")).scopes().format()).isEqualTo("code:read");
        assertThatThrownBy(() -> tokens.create(request("acme", "code:destroy"), ALICE))
                .isInstanceOf(dev.pat4j.scope.UnknownScopeException.class);
    }

    @Test
    void ownerRightsAreImmutableValues() {
        java.util.List<String> scopes = new java.util.ArrayList<>(List.of("code:read"));
        OwnerRights rights = OwnerRights.everything().withScopes(scopes).withOrganizations("acme");
        scopes.add("code:write");
        assertThat(rights.scopes()).containsExactly("code:read");
        assertThatThrownBy(() -> rights.scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(rights.active()).isTrue();
        assertThat(rights.allScopes()).isFalse();
        assertThat(rights.mayBindTo("acme")).isTrue();
        assertThat(rights.mayBindTo(null)).isFalse();
        assertThat(rights).isEqualTo(new OwnerRights(true, Set.of("code:read"), Set.of("acme")));
        assertThat(OwnerRights.inactive().active()).isFalse();
        assertThatThrownBy(() -> OwnerRights.everything().withScopes(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
