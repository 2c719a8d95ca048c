package dev.pat4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.PolicyRule;
import dev.pat4j.lifecycle.PolicyViolationException;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A hundred thousand tokens of a hundred owners, created through the service (which counts the
 * owner's active tokens on every create), then listed by owner and by expiry. With full scans
 * this ran for minutes; with the indexes it takes seconds. Only counts and order are asserted:
 * how long it takes is the benchmarks' business, not a unit test's.
 */
class InMemoryTokenStoreScaleTest {
    private static final int OWNERS = 100;
    private static final int PER_OWNER = 1_000;
    private static final String[] OWNER_NAMES =
            IntStream.range(0, OWNERS).mapToObj(o -> String.format("owner-%03d", o)).toArray(String[]::new);

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    @Test
    void aHundredThousandTokensAreCreatedAndEachOwnersAndTheExpiringOnesListedExactly() {
        try (Pat4j pat4j = Fixtures.builder(clock, store)
                .policy(TokenPolicy.builder().maxActiveTokensPerOwner(PER_OWNER).build()).build()) {
            List<TokenInfo> created = new ArrayList<>(OWNERS * PER_OWNER);
            for (int round = 0; round < PER_OWNER; round++) {
                if (round % 2 == 0) {
                    clock.advance(Duration.ofSeconds(1)); // two tokens per owner and second: ties broken by id
                }
                for (int o = 0; o < OWNERS; o++) {
                    // 240 lifespans an hour apart: many tokens share an expiry, which the id orders
                    Duration lifespan = Duration.ofHours(1 + (round * 7L + o * 13L) % 240);
                    created.add(Fixtures.create(pat4j, owner(o), "acme", lifespan, "code:read").info());
                }
            }
            assertThat(created).extracting(TokenInfo::id).doesNotHaveDuplicates().hasSize(OWNERS * PER_OWNER);

            // listByOwner: exactly the owner's thousand, newest first, then by id
            List<TokenInfo> listed = pat4j.tokens().listByOwner(owner(42));
            assertThat(listed).hasSize(PER_OWNER).allMatch(t -> t.owner().equals(owner(42)));
            assertThat(listed).extracting(TokenInfo::id).containsExactlyElementsOf(ids(created.stream()
                    .filter(t -> t.owner().equals(owner(42)))
                    .sorted(Comparator.comparing(TokenInfo::createdAt).reversed().thenComparing(TokenInfo::id))
                    .toList()));
            assertThat(listed.get(0).createdAt()).isEqualTo(created.get((PER_OWNER - 1) * OWNERS + 42).createdAt());
            assertThat(pat4j.tokens().listByOwner("nobody")).isEmpty();

            // the limit counts through the owner index: the 1,001st is refused...
            assertThatThrownBy(() -> Fixtures.create(pat4j, owner(42), "acme", Duration.ofDays(1), "code:read"))
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.rule()).isEqualTo(PolicyRule.MAX_ACTIVE_TOKENS));
            // ...until tokens stop being active: revoked ones leave the expiry index as well
            List<TokenInfo> ofSeven = pat4j.tokens().listByOwner(owner(7));
            Set<String> revoked = new HashSet<>();
            for (TokenInfo t : ofSeven.subList(0, 100)) {
                assertThat(pat4j.tokens().revoke(t.id(), Actor.user(owner(7))).state()).isEqualTo(TokenState.REVOKED);
                revoked.add(t.id());
            }
            assertThat(store.countActive(owner(7), clock.instant())).isEqualTo(PER_OWNER - 100);
            created.add(Fixtures.create(pat4j, owner(7), "acme", Duration.ofDays(1), "code:read").info());
            assertThat(pat4j.tokens().listByOwner(owner(7))).hasSize(PER_OWNER + 1)
                    .filteredOn(t -> t.state() == TokenState.REVOKED).hasSize(100);

            // listExpiringWithin: the slice (now, now + 2 days], soonest first, then by id, none revoked
            Instant now = clock.instant();
            Instant to = now.plus(Duration.ofDays(2));
            List<TokenInfo> expected = created.stream()
                    .filter(t -> !revoked.contains(t.id()) && t.expiresAt().isAfter(now) && !t.expiresAt().isAfter(to))
                    .sorted(Comparator.comparing(TokenInfo::expiresAt).thenComparing(TokenInfo::id))
                    .toList();
            assertThat(expected).hasSizeBetween(10_000, 50_000); // a real slice: neither empty nor everything
            List<TokenInfo> expiring = pat4j.tokens().listExpiringWithin(Duration.ofDays(2));
            assertThat(expiring).extracting(TokenInfo::id).containsExactlyElementsOf(ids(expected));
            assertThat(store.findExpiring(now, to)).extracting(StoredToken::id).containsExactlyElementsOf(ids(expected));

            // as time passes, the window slides over the index
            clock.advance(Duration.ofDays(3));
            Instant later = clock.instant();
            assertThat(store.countActive(owner(42), later)).isEqualTo(created.stream()
                    .filter(t -> t.owner().equals(owner(42)) && t.expiresAt().isAfter(later)).count());
            assertThat(store.findExpiring(later, later.plus(Duration.ofHours(6)))).extracting(StoredToken::id)
                    .containsExactlyElementsOf(ids(created.stream()
                            .filter(t -> !revoked.contains(t.id()) && t.expiresAt().isAfter(later)
                                    && !t.expiresAt().isAfter(later.plus(Duration.ofHours(6))))
                            .sorted(Comparator.comparing(TokenInfo::expiresAt).thenComparing(TokenInfo::id))
                            .toList()));
        }
    }

    private static String owner(int o) {
        return OWNER_NAMES[o];
    }

    private static List<String> ids(List<TokenInfo> tokens) {
        return tokens.stream().map(TokenInfo::id).toList();
    }
}
