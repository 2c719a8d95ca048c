package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forged ids (well-formed, valid checksums, ids no store issued) stay off the store: a filter of
 * live ids answers them, and only the budget for unseen ids reaches the store. The clock is a
 * {@link MutableClock} that does not move, so the budget does not refill during a test.
 */
class ForgedIdFilterTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final int FORGED = 10_000;
    private static final int BURST = 20;

    private final MutableClock clock = new MutableClock(Fixtures.START);

    /** Tokens a forger makes: random ids and secrets with the right checksum, as TokenCodec makes real ones. */
    private static List<String> forged(int count) {
        TokenCodec codec = new TokenCodec("pat");
        SecureRandom random = new SecureRandom();
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(codec.generate(random));
        }
        return out;
    }

    private static IssuedToken create(Pat4j pat4j, String owner) {
        return pat4j.tokens().create(Fixtures.request(owner, "acme", DAY, "code:read"), Actor.user(owner));
    }

    @Test
    void tenThousandForgedIdsCostTheStoreAtMostTheBudget() {
        ObservedStore store = new ObservedStore(true, false);
        List<IssuedToken> real = new ArrayList<>();
        try (Pat4j seeding = Fixtures.builder(clock, store).build()) {
            for (int i = 0; i < 100; i++) {
                real.add(create(seeding, "owner" + i)); // in the store before the node below starts
            }
        }
        try (Pat4j pat4j = Fixtures.builder(clock, store).changePollInterval(Duration.ofHours(1))
                .unseenIdBudget(5, BURST).build()) {
            int before = store.findCalls();
            for (String token : forged(FORGED)) {
                ValidationResult r = pat4j.validator().check(Fixtures.bearer(token), "acme");
                assertThat(r).isInstanceOf(ValidationResult.Rejected.class);
                assertThat(((ValidationResult.Rejected) r).reason()).isEqualTo(RejectionReason.UNKNOWN);
            }
            assertThat(store.findCalls() - before).as("store lookups for %d forged ids", FORGED)
                    .isLessThanOrEqualTo(BURST);

            // The budget is spent, and the clock stands still: the store's own tokens still pass, from the filter.
            for (IssuedToken t : real) {
                assertThat(pat4j.validator().check(Fixtures.bearer(t.token()), "acme").authenticated()).isTrue();
            }
            // A token created on this node is in its filter at once.
            IssuedToken mine = create(pat4j, "late");
            assertThat(pat4j.validator().check(Fixtures.bearer(mine.token()), "acme").authenticated()).isTrue();
        }
    }

    @Test
    void aTokenCreatedOnASecondNodeValidatesAtOnceWithinTheBudget() {
        ObservedStore store = new ObservedStore(true, false); // no wake-ups: this node has not read the feed
        try (Pat4j first = Fixtures.builder(clock, store).changePollInterval(Duration.ofHours(1)).build();
             Pat4j second = Fixtures.builder(clock, store).changePollInterval(Duration.ofHours(1)).build()) {
            for (int i = 0; i < BURST; i++) {
                IssuedToken t = create(second, "owner" + i);
                assertThat(first.validator().check(Fixtures.bearer(t.token()), "acme").authenticated())
                        .as("created on the second node a moment ago").isTrue();
                assertThat(store.findsOf(t.info().id())).isEqualTo(1);
                assertThat(first.validator().check(Fixtures.bearer(t.token()), "acme").authenticated()).isTrue();
            }
        }
    }

    @Test
    void beyondTheBudgetAnotherNodesTokenValidatesOnceTheFeedIsRead() {
        ObservedStore store = new ObservedStore(true, true);
        try (Pat4j first = Fixtures.builder(clock, store).changePollInterval(Duration.ofMillis(20))
                .unseenIdBudget(1, 1).build();
             Pat4j second = Fixtures.builder(clock, store).build()) {
            for (String token : forged(5)) {
                first.validator().check(Fixtures.bearer(token), "acme"); // spends the budget
            }
            IssuedToken t = create(second, "bob");
            assertThat(Fixtures.eventually(Duration.ofSeconds(30),
                    () -> first.validator().check(Fixtures.bearer(t.token()), "acme").authenticated()))
                    .as("the first node's filter learns of the id from the change feed").isTrue();
        }
    }

    @Test
    void withAStoreThatCannotListLiveIdsThereIsNoFilterAndEveryUnknownIdIsLookedUp() {
        ObservedStore store = new ObservedStore(false, false);
        try (Pat4j pat4j = Fixtures.builder(clock, store).unseenIdBudget(1, 1).build()) {
            assertThat(((DefaultTokenValidator) pat4j.validator()).filteringIds()).isFalse();
            List<String> tokens = forged(100);
            Set<String> ids = new HashSet<>();
            for (String token : tokens) {
                ids.add(pat4j.format().idOf(token));
                assertThat(((ValidationResult.Rejected) pat4j.validator().check(Fixtures.bearer(token), "acme"))
                        .reason()).isEqualTo(RejectionReason.UNKNOWN);
            }
            assertThat(ids).allSatisfy(id -> assertThat(store.findsOf(id)).as(id).isEqualTo(1));
        }
    }

    @Test
    void theFilterCanBeSwitchedOff() {
        ObservedStore store = new ObservedStore(true, false);
        try (Pat4j pat4j = Fixtures.builder(clock, store).idFilter(false).unseenIdBudget(1, 1).build()) {
            assertThat(((DefaultTokenValidator) pat4j.validator()).filteringIds()).isFalse();
            int before = store.findCalls();
            for (String token : forged(50)) {
                pat4j.validator().check(Fixtures.bearer(token), "acme");
            }
            assertThat(store.findCalls() - before).isEqualTo(50);
        }
    }

    @Test
    void aRebuildDropsRevokedIdsWhichTheBudgetStillLooksUp() {
        ObservedStore store = new ObservedStore(true, false);
        try (Pat4j pat4j = Fixtures.builder(clock, store).changePollInterval(Duration.ofHours(1))
                .unseenIdBudget(1, 1).build()) {
            IssuedToken t = create(pat4j, "alice");
            pat4j.tokens().revoke(t.info().id(), Actor.user("alice"));
            DefaultTokenValidator validator = (DefaultTokenValidator) pat4j.validator();
            validator.rebuildIdFilter(store, clock.instant()); // the revoked id is no longer in the filter
            validator.invalidateAll();
            assertThat(pat4j.validator().check(Fixtures.bearer(t.token()), "acme")).as("within the budget")
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, t.info().id()));
            validator.invalidateAll();
            assertThat(pat4j.validator().check(Fixtures.bearer(t.token()), "acme")).as("the store answered for it: "
                    + "back in the filter, with the budget spent")
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, t.info().id()));
            int before = store.findCalls();
            String forged = forged(1).get(0);
            assertThat(pat4j.validator().check(Fixtures.bearer(forged), "acme")).isEqualTo(
                    new ValidationResult.Rejected(RejectionReason.UNKNOWN, pat4j.format().idOf(forged)));
            assertThat(store.findCalls()).as("beyond the budget: no lookup").isEqualTo(before);
        }
    }
}
