package dev.pat4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Model-based: random sequences of inserts, re-scopes, revocations, extensions, rewrites that
 * move a token to another owner or creation time, expiry-notice claims and last-used batches,
 * some derived from stale reads, applied to the indexed {@link InMemoryTokenStore} and to the
 * full-scan {@link FullScanStore}. After every step both must give the same answer to every
 * query: by id, by owner, every expiry window over a small set of instants, the active count of
 * every owner at each of them, every page in every order (from the start and from each token's
 * position, with each state filter and a search) against the reference filter and order
 * applied to the full scan's tokens, and the change feed. Times come from a dozen seconds, so
 * creations and expiries collide often and the id tie-breaks and window bounds are exercised.
 */
class InMemoryTokenStoreModelProperties {
    private static final Instant T0 = Instant.parse("2031-03-14T15:09:26.535Z");
    private static final List<String> OWNERS = List.of("alice", "bob", "carol");
    private static final List<Instant> POINTS = new ArrayList<>();

    static {
        for (int s : new int[] {-1, 0, 1, 2, 3, 5, 8, 10, 11}) {
            POINTS.add(at(s));
        }
        POINTS.add(Instant.MAX); // the service's "expiring ever"
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN) // edge cases alone would use up every try
    void theIndexedStoreAnswersEveryQueryAsAFullScanDoes(@ForAll("steps") List<Step> steps) {
        World world = new World();
        for (Step step : steps) {
            Statistics.collect(step.getClass().getSimpleName());
            step.apply(world);
            world.assertSameAnswers(step);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> owner = Arbitraries.integers().between(0, OWNERS.size() - 1);
        Arbitrary<Integer> time = Arbitraries.integers().between(0, 10);
        Arbitrary<Integer> token = Arbitraries.integers().between(0, 1000);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<Step> insert = Combinators.combine(owner, time, time).as(Insert::new);
        Arbitrary<Step> rescope = Combinators.combine(token, flag).as(Rescope::new);
        Arbitrary<Step> revoke = Combinators.combine(token, time, flag).as(Revoke::new);
        Arbitrary<Step> extend = Combinators.combine(token, time, flag).as(Extend::new);
        Arbitrary<Step> rewrite = Combinators.combine(token, owner, time, flag).as(Rewrite::new);
        Arbitrary<Step> claim = Combinators.combine(token, flag, time).as(Claim::new);
        Arbitrary<Step> use = Combinators.combine(token, token, time).as(Use::new);
        return Arbitraries.frequencyOf(Tuple.of(5, insert), Tuple.of(2, rescope), Tuple.of(2, revoke),
                Tuple.of(3, extend), Tuple.of(1, rewrite), Tuple.of(2, claim), Tuple.of(2, use))
                .list().ofMaxSize(50);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The two stores, the ids inserted so far and each token's first value (the stale read). */
    private static final class World {
        final InMemoryTokenStore store = new InMemoryTokenStore();
        final FullScanStore model = new FullScanStore();
        final List<String> ids = new ArrayList<>();
        final Map<String, StoredToken> firstRead = new HashMap<>();

        String id(int token) {
            return ids.isEmpty() ? null : ids.get(token % ids.size());
        }

        /** The token's current value, or (stale) its first one, which any later write outdates. */
        StoredToken read(String id, boolean stale) {
            return stale ? firstRead.get(id) : model.find(id).orElseThrow();
        }

        void update(StoredToken next) {
            assertThat(store.update(next)).as("update of %s", next).isEqualTo(model.update(next));
        }

        void assertSamePages(String step, String owner) {
            List<StoredToken> owned = model.findByOwner(owner);
            Instant now = at(5);
            for (TokenSort sort : TokenSort.values()) {
                for (Set<TokenState> states : STATE_FILTERS) {
                    for (String search : java.util.Arrays.asList(null, "1")) {
                        List<StoredToken> reference = owned.stream()
                                .filter(t -> TokenPaging.matches(t, states, now, search))
                                .sorted(TokenPaging.order(sort)).toList();
                        assertThat(store.findPage(owner, states, now, search, sort, null, 1000))
                                .as("%s: %s page of %s %s %s", step, sort, owner, states, search)
                                .containsExactlyElementsOf(reference);
                        for (StoredToken from : owned) { // positions of tokens in and out of the filter
                            List<StoredToken> following = reference.stream()
                                    .filter(t -> TokenPaging.order(sort).compare(t, from) > 0).limit(3).toList();
                            assertThat(store.findPage(owner, states, now, search, sort, PagePosition.of(sort, from), 3))
                                    .as("%s: %s page of %s %s %s after %s", step, sort, owner, states, search, from.id())
                                    .containsExactlyElementsOf(following);
                        }
                    }
                }
            }
        }

        void assertSameAnswers(Step after) {
            String step = "after " + after;
            for (String id : ids) {
                assertThat(store.find(id)).as(step).isEqualTo(model.find(id));
            }
            for (String owner : List.of("alice", "bob", "carol", "nobody")) {
                assertThat(store.findByOwner(owner)).as("%s: by owner %s", step, owner)
                        .containsExactlyElementsOf(model.findByOwner(owner));
                for (Instant now : POINTS) {
                    assertThat(store.countActive(owner, now)).as("%s: active of %s at %s", step, owner, now)
                            .isEqualTo(model.countActive(owner, now));
                }
            }
            for (Instant from : POINTS) {
                for (Instant to : POINTS) {
                    assertThat(store.findExpiring(from, to)).as("%s: expiring in (%s, %s]", step, from, to)
                            .containsExactlyElementsOf(model.findExpiring(from, to));
                }
            }
            for (String owner : List.of("alice", "bob", "carol", "nobody")) {
                assertSamePages(step, owner);
            }
            assertThat(store.changeHead()).as(step).isEqualTo(model.changeHead());
            assertThat(store.changesSince(0, 1000)).as(step).containsExactlyElementsOf(model.changesSince(0, 1000));
        }
    }

    private static final List<Set<TokenState>> STATE_FILTERS = List.of(Set.of(), Set.of(TokenState.ACTIVE),
            Set.of(TokenState.EXPIRED, TokenState.REVOKED));

    /** One operation on both stores; records print as the counterexample when a property fails. */
    private interface Step {
        void apply(World w);
    }

    private record Insert(int owner, int created, int expires) implements Step {
        @Override
        public void apply(World w) {
            String id = String.format("tok%09d", w.ids.size());
            StoredToken t = new StoredToken(id, OWNERS.get(owner), "token " + id, "acme", "code:read", at(created),
                    OWNERS.get(owner), at(expires), null, null, null, new byte[16], new byte[32], "sha256", false, 1);
            w.store.insert(t);
            w.model.insert(t);
            w.ids.add(id);
            w.firstRead.put(id, t);
        }
    }

    private record Rescope(int token, boolean stale) implements Step {
        @Override
        public void apply(World w) {
            String id = w.id(token);
            if (id != null) {
                StoredToken read = w.read(id, stale);
                w.update(read.withScopes(read.scopes().equals("code:read") ? "code:write" : "code:read"));
            }
        }
    }

    private record Revoke(int token, int when, boolean stale) implements Step {
        @Override
        public void apply(World w) {
            String id = w.id(token);
            if (id != null) {
                w.update(w.read(id, stale).withRevocation(at(when), "admin"));
            }
        }
    }

    private record Extend(int token, int expires, boolean stale) implements Step {
        @Override
        public void apply(World w) {
            String id = w.id(token);
            if (id != null) {
                w.update(w.read(id, stale).withExpiry(at(expires)));
            }
        }
    }

    /** What the SPI allows though no service does: a new owner and creation time, a revocation undone. */
    private record Rewrite(int token, int owner, int created, boolean unrevoke) implements Step {
        @Override
        public void apply(World w) {
            String id = w.id(token);
            if (id != null) {
                StoredToken t = w.read(id, false);
                w.update(new StoredToken(id, OWNERS.get(owner), t.name(), t.organization(), t.scopes(), at(created),
                        t.createdBy(), t.expiresAt(), unrevoke ? null : t.revokedAt(), unrevoke ? null : t.revokedBy(),
                        t.lastUsedAt(), t.salt(), t.hash(), t.hashAlgorithm(), t.expiryNotified(), t.version() + 1));
            }
        }
    }

    private record Claim(int token, boolean atCurrentExpiry, int expires) implements Step {
        @Override
        public void apply(World w) {
            String id = w.id(token);
            if (id != null) {
                Instant expiry = atCurrentExpiry ? w.read(id, false).expiresAt() : at(expires);
                assertThat(w.store.claimExpiryNotice(id, expiry)).as(toString())
                        .isEqualTo(w.model.claimExpiryNotice(id, expiry));
            }
        }
    }

    private record Use(int token, int other, int when) implements Step {
        @Override
        public void apply(World w) {
            String id = w.id(token);
            if (id != null) {
                Map<String, Instant> batch = new LinkedHashMap<>();
                batch.put(id, at(when));
                batch.putIfAbsent(w.id(other), at(when - 1));
                batch.put("nosuchtoken0", at(when));
                w.store.recordLastUsed(batch);
                w.model.recordLastUsed(batch);
            }
        }
    }
}
