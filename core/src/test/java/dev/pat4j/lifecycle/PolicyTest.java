package dev.pat4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.Fixtures.RecordingListener;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token policy at create, extend and updateScopes: each violation is typed and names its rule and limit. */
class PolicyTest {
    private static final Actor ALICE = Actor.user("alice");

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final RecordingListener events = new RecordingListener();
    private final List<Pat4j> opened = new ArrayList<>();

    private TokenService tokens(TokenPolicy policy) {
        Pat4j pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).policy(policy).listener(events).build();
        opened.add(pat4j);
        return pat4j.tokens();
    }

    @AfterEach
    void stop() {
        opened.forEach(Pat4j::close);
    }

    private static NewToken lasting(Duration lifespan) {
        return Fixtures.request("alice", "acme", lifespan, "code:read");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        TokenPolicy p = TokenPolicy.defaults();
        assertThat(p.maxLifespan()).isEqualTo(Duration.ofDays(365));
        assertThat(p.allowFullAccess()).isFalse();
        assertThat(p.allowAllOrganizations()).isTrue();
        assertThat(p.maxActiveTokensPerOwner()).isEqualTo(50);
        assertThat(p.extensionFrom()).isEqualTo(TokenPolicy.ExtensionBase.NOW);
        assertThat(new TokenPolicy(Duration.ofDays(365), false, true, 50)).isEqualTo(p);
    }

    @Test
    void theMaximumLifespanIsInclusiveAndNamedWhenExceeded() {
        TokenService tokens = tokens(TokenPolicy.defaults());
        Duration max = Duration.ofDays(365);
        assertThat(tokens.create(lasting(max), ALICE).info().expiresAt()).isEqualTo(Fixtures.START.plus(max));

        assertThatThrownBy(() -> tokens.create(lasting(max.plusMillis(1)), ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo(PolicyRule.MAX_LIFESPAN);
                    assertThat(e.getMessage()).contains("MAX_LIFESPAN").contains("365 days");
                });
        assertThat(tokens.listByOwner("alice")).hasSize(1);
    }

    @Test
    void extendingPastTheMaximumLifespanIsRefused() {
        TokenService tokens = tokens(TokenPolicy.builder().maxLifespan(Duration.ofDays(30)).build());
        IssuedToken issued = tokens.create(lasting(Duration.ofDays(10)), ALICE);
        String id = issued.info().id();
        clock.advance(Duration.ofDays(5));

        assertThatThrownBy(() -> tokens.extend(id, clock.instant().plus(Duration.ofDays(30)).plusMillis(1), ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo(PolicyRule.MAX_LIFESPAN);
                    assertThat(e.getMessage()).contains("30 days");
                });
        assertThat(tokens.get(id).orElseThrow().expiresAt()).isEqualTo(issued.info().expiresAt());
        assertThat(events.of(dev.pat4j.event.TokenEvent.Extended.class)).isEmpty();

        Instant limit = clock.instant().plus(Duration.ofDays(30));
        assertThat(tokens.extend(id, limit, ALICE).expiresAt()).as("the limit itself is allowed").isEqualTo(limit);
    }

    @Test
    void extensionsCountFromNowByDefault() {
        TokenService tokens = tokens(TokenPolicy.builder().maxLifespan(Duration.ofDays(30)).build());
        assertThat(TokenPolicy.defaults().extensionFrom()).isEqualTo(TokenPolicy.ExtensionBase.NOW);
        String id = tokens.create(lasting(Duration.ofDays(30)), ALICE).info().id();
        clock.advance(Duration.ofDays(25));
        Instant later = clock.instant().plus(Duration.ofDays(30));
        assertThat(tokens.extend(id, later, ALICE).expiresAt()).as("55 days after creation").isEqualTo(later);
    }

    @Test
    void extensionsCountingFromCreationNeverPassCreatedPlusTheMaximum() {
        TokenPolicy policy = TokenPolicy.builder().maxLifespan(Duration.ofDays(30))
                .extensionFrom(TokenPolicy.ExtensionBase.CREATION).build();
        TokenService tokens = tokens(policy);
        IssuedToken issued = tokens.create(lasting(Duration.ofDays(10)), ALICE);
        String id = issued.info().id();
        Instant limit = Fixtures.START.plus(Duration.ofDays(30));
        clock.advance(Duration.ofDays(8));

        assertThatThrownBy(() -> tokens.extend(id, clock.instant().plus(Duration.ofDays(30)), ALICE))
                .as("within 30 days of now, but 38 days after creation")
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo(PolicyRule.MAX_LIFESPAN);
                    assertThat(e.getMessage()).contains("30 days from the token's creation")
                            .contains(limit.toString());
                });
        assertThatThrownBy(() -> tokens.extend(id, limit.plusMillis(1), ALICE))
                .isInstanceOf(PolicyViolationException.class);
        assertThat(tokens.get(id).orElseThrow().expiresAt()).isEqualTo(issued.info().expiresAt());
        assertThat(events.of(dev.pat4j.event.TokenEvent.Extended.class)).isEmpty();

        assertThat(tokens.extend(id, limit, ALICE).expiresAt()).as("created + max itself is allowed").isEqualTo(limit);
        assertThat(tokens.create(lasting(Duration.ofDays(30)), ALICE).info().expiresAt())
                .as("creation is unchanged").isEqualTo(clock.instant().plus(Duration.ofDays(30)));
    }

    @Test
    void anAbsurdLifespanIsAPolicyViolationNotAnArithmeticError() {
        TokenService tokens = tokens(TokenPolicy.defaults());
        for (Duration absurd : List.of(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(1_000_000_000L))) {
            assertThatThrownBy(() -> tokens.create(lasting(absurd), ALICE)).as(absurd.toString())
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.rule()).isEqualTo(PolicyRule.MAX_LIFESPAN));
        }
        IssuedToken issued = tokens.create(lasting(Duration.ofDays(1)), ALICE);
        assertThatThrownBy(() -> tokens.extend(issued.info().id(), Instant.MAX, ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(PolicyRule.MAX_LIFESPAN));
        assertThatThrownBy(() -> tokens.extend(issued.info().id(), Instant.MIN, ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(PolicyRule.EXPIRY_NOT_IN_FUTURE));
        assertThat(tokens.listExpiringWithin(Duration.ofSeconds(Long.MAX_VALUE))).extracting(TokenInfo::id)
                .containsExactly(issued.info().id());
        assertThat(tokens.listByOwner("alice")).hasSize(1);
    }

    @Test
    void aLimitThatIsNotWholeDaysIsNamedExactly() {
        TokenService tokens = tokens(TokenPolicy.builder().maxLifespan(Duration.ofHours(36)).build());
        assertThatThrownBy(() -> tokens.create(lasting(Duration.ofHours(37)), ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo(PolicyRule.MAX_LIFESPAN);
                    assertThat(e.getMessage()).contains("PT36H");
                });
        assertThat(tokens.create(lasting(Duration.ofHours(36)), ALICE).info().state()).isEqualTo(TokenState.ACTIVE);
    }

    @Test
    void anExpiryNotInTheFutureIsRefused() {
        TokenService tokens = tokens(TokenPolicy.defaults());
        for (Instant at : List.of(Fixtures.START, Fixtures.START.minusSeconds(1), Fixtures.START.plusNanos(999_999))) {
            NewToken request = NewToken.builder("alice", "t").organization("acme").expiresAt(at).scopes("code:read").build();
            assertThatThrownBy(() -> tokens.create(request, ALICE)).as(at.toString())
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.rule()).isEqualTo(PolicyRule.EXPIRY_NOT_IN_FUTURE));
        }
        IssuedToken issued = tokens.create(lasting(Duration.ofDays(1)), ALICE);
        assertThatThrownBy(() -> tokens.extend(issued.info().id(), Fixtures.START, ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(PolicyRule.EXPIRY_NOT_IN_FUTURE));
        assertThat(tokens.listByOwner("alice")).hasSize(1);
    }

    @Test
    void fullAccessTokensAreRefusedUnlessThePolicyAllowsThem() {
        TokenService strict = tokens(TokenPolicy.defaults());
        NewToken full = Fixtures.request("alice", "acme", Duration.ofDays(1), "*");
        assertThatThrownBy(() -> strict.create(full, ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(PolicyRule.FULL_ACCESS));
        assertThatThrownBy(() -> strict.create(Fixtures.request("alice", "acme", Duration.ofDays(1), "code:read", "*"),
                ALICE)).isInstanceOf(PolicyViolationException.class);
        IssuedToken narrow = strict.create(lasting(Duration.ofDays(1)), ALICE);
        assertThatThrownBy(() -> strict.updateScopes(narrow.info().id(), List.of("*"), ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(PolicyRule.FULL_ACCESS));
        assertThat(strict.get(narrow.info().id()).orElseThrow().scopes().format()).isEqualTo("code:read");
        assertThat(strict.listByOwner("alice")).hasSize(1);

        TokenService lenient = tokens(TokenPolicy.builder().allowFullAccess(true).build());
        IssuedToken issued = lenient.create(full, ALICE);
        assertThat(issued.info().scopes().isFullAccess()).isTrue();
        assertThat(issued.info().scopes().contains("workitems:manage")).isTrue();
    }

    @Test
    void allOrganizationTokensAreRefusedWhenThePolicySaysSo() {
        NewToken everywhere = NewToken.builder("alice", "all").allOrganizations().lifespan(Duration.ofDays(1))
                .scopes("code:read").build();
        TokenService strict = tokens(TokenPolicy.builder().allowAllOrganizations(false).build());
        assertThatThrownBy(() -> strict.create(everywhere, ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo(PolicyRule.ALL_ORGANIZATIONS));
        assertThat(strict.listByOwner("alice")).isEmpty();
        assertThat(strict.create(lasting(Duration.ofDays(1)), ALICE).info().organization()).isEqualTo("acme");

        TokenService lenient = tokens(TokenPolicy.defaults());
        assertThat(lenient.create(everywhere, ALICE).info().allOrganizations()).isTrue();
    }

    @Test
    void theNumberOfActiveTokensPerOwnerIsCapped() {
        TokenService tokens = tokens(TokenPolicy.builder().maxActiveTokensPerOwner(2).build());
        IssuedToken first = tokens.create(lasting(Duration.ofDays(10)), ALICE);
        IssuedToken shortLived = tokens.create(lasting(Duration.ofHours(1)), ALICE);
        assertThatThrownBy(() -> tokens.create(lasting(Duration.ofDays(10)), ALICE))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.rule()).isEqualTo(PolicyRule.MAX_ACTIVE_TOKENS);
                    assertThat(e.getMessage()).contains("2");
                });
        assertThatThrownBy(() -> tokens.create(lasting(Duration.ofDays(10)), Actor.administrator("root")))
                .as("an administrator creating for alice counts against alice").isInstanceOf(PolicyViolationException.class);
        assertThat(tokens.create(Fixtures.request("bob", "acme", Duration.ofDays(1), "code:read"), Actor.user("bob")))
                .as("other owners are not affected").isNotNull();

        tokens.revoke(first.info().id(), ALICE);
        IssuedToken third = tokens.create(lasting(Duration.ofDays(10)), ALICE);
        assertThatThrownBy(() -> tokens.create(lasting(Duration.ofDays(10)), ALICE))
                .isInstanceOf(PolicyViolationException.class);
        clock.advance(Duration.ofHours(1)); // shortLived expires: a slot frees up
        assertThat(tokens.create(lasting(Duration.ofDays(10)), ALICE)).isNotNull();
        assertThat(tokens.listByOwner("alice")).hasSize(4);
        assertThat(third.info().state()).isEqualTo(TokenState.ACTIVE);
        assertThat(shortLived.info().id()).isNotNull();
    }

    @Test
    void thePolicyBuilderRefusesNonsense() {
        assertThatThrownBy(() -> TokenPolicy.builder().maxLifespan(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenPolicy.builder().maxLifespan(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenPolicy.builder().maxLifespan(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenPolicy.builder().maxActiveTokensPerOwner(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenPolicy(Duration.ofDays(1), false, true, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
