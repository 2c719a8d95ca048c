package dev.pat4j.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import dev.pat4j.store.TokenPaging;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TokenService#list} as a caller sees it, on the in-memory store (which pages itself) and
 * on a store without the paging capability (listed by the service from the owner's tokens): both
 * must give the same pages; and on a decorator that passes the paging capability on. Expected orders are computed here from the {@link TokenInfo}s.
 */
class TokenListTest {
    private static final Actor ALICE = Actor.user("alice");
    private static final Duration DAY = Duration.ofDays(1);

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("paging store"), Arguments.of("store without paging"),
                Arguments.of("decorated paging store"));
    }

    static Stream<Arguments> storesAndSorts() {
        return Stream.of("paging store", "store without paging", "decorated paging store")
                .flatMap(s -> Stream.of(TokenSort.values()).map(sort -> Arguments.of(s, sort)));
    }

    private MutableClock clock;
    private Pat4j pat4j;
    private TokenService tokens;
    private CountingStore decorated;

    private void start(String kind) {
        clock = new MutableClock(Fixtures.START);
        InMemoryTokenStore memory = new InMemoryTokenStore();
        TokenStore store = switch (kind) {
            case "paging store" -> memory;
            case "decorated paging store" -> decorated = new CountingStore(memory);
            default -> new WithoutPaging(memory);
        };
        pat4j = Fixtures.builder(clock, store)
                .policy(TokenPolicy.builder().maxActiveTokensPerOwner(10_000).build()).build();
        tokens = pat4j.tokens();
    }

    private TokenInfo create(String owner, String name, Duration lifespan) {
        return tokens.create(NewToken.builder(owner, name).organization("acme").lifespan(lifespan)
                .scopes("code:read").build(), Actor.user(owner)).info();
    }

    /** 250 tokens of alice (and some of bob): names repeat, creation times tie in groups, expiries vary. */
    private List<TokenInfo> manyTokens() {
        List<TokenInfo> created = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(1 + i % 7)); // the others share the time of their group
            }
            String name = (i % 2 == 0 ? "Build " : "deploy ") + (i % 40);
            created.add(create("alice", name, Duration.ofHours(1 + (i * 37L) % 500)));
            if (i % 25 == 0) {
                create("bob", "Build " + i, DAY);
            }
        }
        return created;
    }

    private static Comparator<TokenInfo> expectedOrder(TokenSort sort) {
        return switch (sort) {
            case CREATED_NEWEST -> Comparator.comparing(TokenInfo::createdAt).thenComparing(TokenInfo::id).reversed();
            case CREATED_OLDEST -> Comparator.comparing(TokenInfo::createdAt).thenComparing(TokenInfo::id);
            case EXPIRES_SOONEST -> Comparator.comparing(TokenInfo::expiresAt).thenComparing(TokenInfo::id);
            case NAME -> Comparator.comparing(TokenInfo::name).thenComparing(TokenInfo::id);
        };
    }

    /** Every page of {@code query}, following the cursors; the tokens in order. */
    private List<TokenInfo> readAll(TokenQuery query) {
        List<TokenInfo> all = new ArrayList<>();
        TokenQuery next = query;
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages").isLessThan(1000);
            TokenPage page = tokens.list(next);
            assertThat(page.tokens()).hasSizeLessThanOrEqualTo(query.limit());
            all.addAll(page.tokens());
            if (page.nextCursor() == null) {
                return all;
            }
            assertThat(page.tokens()).as("a page with a next page is full").hasSize(query.limit());
            next = next.withCursor(page.nextCursor());
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("storesAndSorts")
    void pagingListsEveryTokenOfTheOwnerExactlyOnceInOrder(String kind, TokenSort sort) {
        start(kind);
        List<TokenInfo> created = manyTokens();
        clock.advance(Duration.ofHours(100)); // some expired, some not
        List<TokenInfo> expected = created.stream().map(t -> tokens.get(t.id()).orElseThrow())
                .sorted(expectedOrder(sort)).toList();

        for (int limit : new int[] {1, 7, 100}) {
            List<TokenInfo> listed = readAll(TokenQuery.of("alice").withSort(sort).withLimit(limit));
            assertThat(listed).as("limit " + limit).containsExactlyElementsOf(expected);
        }
        assertThat(tokens.list(TokenQuery.of("carol"))).isEqualTo(new TokenPage(List.of(), null));
        if (decorated != null) {
            assertThat(decorated.capability(TokenPaging.class)).containsSame(decorated);
            decorated.setDown(true);
            assertThatThrownBy(() -> tokens.list(TokenQuery.of("alice")))
                    .isInstanceOf(dev.pat4j.store.StoreUnavailableException.class);
        }
        pat4j.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theFirstPageOfTheDefaultQueryIsTheNewestTwenty(String kind) {
        start(kind);
        List<TokenInfo> created = manyTokens();
        TokenPage first = tokens.list(TokenQuery.of("alice"));
        assertThat(first.tokens()).containsExactlyElementsOf(
                created.stream().sorted(expectedOrder(TokenSort.CREATED_NEWEST)).limit(20).toList());
        assertThat(first.hasNext()).isTrue();
        pat4j.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void statesAreThoseAtTheTimeOfTheQuery(String kind) {
        start(kind);
        TokenInfo shortLived = create("alice", "short", Duration.ofHours(1));
        TokenInfo longLived = create("alice", "long", DAY);
        TokenInfo revoked = create("alice", "revoked", DAY);
        TokenInfo revokedAndExpired = create("alice", "revoked short", Duration.ofHours(1));
        tokens.revoke(revoked.id(), ALICE);
        tokens.revoke(revokedAndExpired.id(), ALICE);
        TokenQuery all = TokenQuery.of("alice").withSort(TokenSort.NAME);

        assertThat(names(all.withStates(EnumSet.of(TokenState.ACTIVE)))).containsExactly("long", "short");
        assertThat(names(all.withStates(EnumSet.of(TokenState.EXPIRED)))).isEmpty();
        clock.set(shortLived.expiresAt().minusMillis(1));
        assertThat(names(all.withStates(EnumSet.of(TokenState.ACTIVE)))).containsExactly("long", "short");
        clock.set(shortLived.expiresAt()); // expiresAt <= now: expired, exactly at the boundary
        assertThat(names(all.withStates(EnumSet.of(TokenState.ACTIVE)))).containsExactly("long");
        assertThat(names(all.withStates(EnumSet.of(TokenState.EXPIRED)))).containsExactly("short");
        assertThat(names(all.withStates(EnumSet.of(TokenState.REVOKED)))).containsExactly("revoked", "revoked short");
        assertThat(names(all.withStates(EnumSet.of(TokenState.EXPIRED, TokenState.REVOKED))))
                .containsExactly("revoked", "revoked short", "short");
        assertThat(names(all)).containsExactly("long", "revoked", "revoked short", "short");
        assertThat(names(all.withStates(EnumSet.allOf(TokenState.class)))).isEqualTo(names(all));
        assertThat(tokens.list(all.withStates(EnumSet.of(TokenState.EXPIRED))).tokens())
                .singleElement().satisfies(t -> {
                    assertThat(t.id()).isEqualTo(shortLived.id());
                    assertThat(t.state()).isEqualTo(TokenState.EXPIRED);
                });
        assertThat(longLived.state()).isEqualTo(TokenState.ACTIVE);
        pat4j.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void searchMatchesAnyPartOfTheNameIgnoringCase(String kind) {
        start(kind);
        create("alice", "CI Pipeline", DAY);
        create("alice", "laptop pipeline", DAY);
        create("alice", "Deploy", DAY);
        create("alice", "100% done_ok", DAY);
        create("bob", "pipeline of bob", DAY);
        TokenQuery byName = TokenQuery.of("alice").withSort(TokenSort.NAME);

        assertThat(names(byName.withSearch("PIPE"))).containsExactly("CI Pipeline", "laptop pipeline");
        assertThat(names(byName.withSearch("p p"))).containsExactly("laptop pipeline");
        assertThat(names(byName.withSearch("%"))).as("LIKE wildcards are plain text").containsExactly("100% done_ok");
        assertThat(names(byName.withSearch("_"))).containsExactly("100% done_ok");
        assertThat(names(byName.withSearch("nothing"))).isEmpty();
        assertThat(names(byName.withSearch(""))).as("empty: no search").hasSize(4);
        assertThat(byName.withSearch("").search()).isNull();
        pat4j.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void tokensCreatedOrRevokedBetweenPagesNeitherRepeatNorHideTheOthers(String kind) {
        start(kind);
        List<TokenInfo> before = manyTokens();
        Set<String> seen = new HashSet<>();
        List<String> newer = new ArrayList<>();
        TokenQuery query = TokenQuery.of("alice").withLimit(30);
        TokenPage page = tokens.list(query);
        String revokedLater = null;
        while (true) {
            for (TokenInfo t : page.tokens()) {
                assertThat(seen.add(t.id())).as("listed twice: " + t.id()).isTrue();
            }
            if (page.nextCursor() == null) {
                break;
            }
            clock.advance(Duration.ofMillis(3));
            newer.add(create("alice", "made while paging", DAY).id()); // newest: before the cursor
            if (revokedLater == null) {
                revokedLater = page.tokens().get(0).id();
                tokens.revoke(revokedLater, ALICE); // already listed: must not come again
            }
            page = tokens.list(query.withCursor(page.nextCursor()));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(before.stream().map(TokenInfo::id).toList());
        assertThat(seen).doesNotContainAnyElementsOf(newer);

        // Oldest first, tokens made while paging come after the cursor, at the end.
        seen.clear();
        query = TokenQuery.of("alice").withSort(TokenSort.CREATED_OLDEST).withLimit(100);
        page = tokens.list(query);
        List<String> order = new ArrayList<>();
        while (true) {
            page.tokens().forEach(t -> order.add(t.id()));
            if (page.nextCursor() == null) {
                break;
            }
            clock.advance(Duration.ofMillis(3));
            newer.add(create("alice", "made while paging oldest first", DAY).id());
            page = tokens.list(query.withCursor(page.nextCursor()));
        }
        assertThat(order).doesNotHaveDuplicates();
        assertThat(order.subList(order.size() - newer.size(), order.size())).containsExactlyElementsOf(newer);
        pat4j.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aTokenRevokedBeforeItsPageIsLeftOutOfAnActiveOnlyListing(String kind) {
        start(kind);
        List<TokenInfo> created = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMillis(1));
            created.add(create("alice", "t" + i, DAY));
        }
        TokenQuery active = TokenQuery.of("alice").withStates(Set.of(TokenState.ACTIVE)).withLimit(5);
        TokenPage first = tokens.list(active);
        tokens.revoke(created.get(0).id(), ALICE); // the oldest: on the second page
        TokenPage second = tokens.list(active.withCursor(first.nextCursor()));
        assertThat(second.tokens()).extracting(TokenInfo::name).containsExactly("t4", "t3", "t2", "t1");
        assertThat(second.nextCursor()).isNull();
        pat4j.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aCursorIsRefusedByAnyOtherQueryButServesAnotherPageSize(String kind) {
        start(kind);
        manyTokens();
        TokenQuery query = TokenQuery.of("alice").withStates(Set.of(TokenState.ACTIVE)).withSearch("build")
                .withSort(TokenSort.NAME).withLimit(10);
        String cursor = tokens.list(query).nextCursor();
        assertThat(cursor).isNotNull();
        TokenQuery resumed = query.withCursor(cursor);

        assertThat(tokens.list(resumed.withLimit(3)).tokens())
                .containsExactlyElementsOf(tokens.list(resumed).tokens().subList(0, 3));
        for (TokenQuery other : List.of(
                new TokenQuery("bob", resumed.states(), resumed.search(), resumed.sort(), cursor, 10),
                resumed.withStates(Set.of()), resumed.withStates(Set.of(TokenState.ACTIVE, TokenState.EXPIRED)),
                resumed.withSearch("Build"), resumed.withSearch(null), resumed.withSearch("buil"),
                resumed.withSort(TokenSort.CREATED_NEWEST), resumed.withSort(TokenSort.EXPIRES_SOONEST))) {
            assertThatThrownBy(() -> tokens.list(other)).as(other.toString())
                    .isInstanceOf(InvalidCursorException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(cursor));
        }
        pat4j.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anAlteredOrMalformedCursorIsRefusedWithoutBeingEchoed(String kind) {
        start(kind);
        manyTokens();
        TokenQuery query = TokenQuery.of("alice").withLimit(10);
        String cursor = tokens.list(query).nextCursor();
        byte[] raw = Base64.getUrlDecoder().decode(cursor);

        List<String> bad = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = raw.clone();
                flipped[i] ^= (byte) (1 << bit);
                bad.add(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped));
            }
        }
        bad.add(cursor.substring(0, cursor.length() - 1));
        bad.add(cursor + "A");
        bad.add(cursor + "=");
        bad.add(Base64.getUrlEncoder().encodeToString(raw)); // padded
        bad.add(Base64.getEncoder().encodeToString(raw).replace('-', '+')); // wrong alphabet, where it differs
        bad.add(cursor.replace('A', '*'));
        bad.add("");
        bad.add("not a cursor");
        bad.add("x".repeat(100_000));
        bad.add(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[0]));
        bad.add(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[40]));
        for (String b : bad) {
            if (b.equals(cursor)) {
                continue;
            }
            assertThatThrownBy(() -> tokens.list(query.withCursor(b))).as(b.length() > 80 ? "long" : b)
                    .isInstanceOf(InvalidCursorException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(b.length() > 3 ? b : "\u0000"));
        }
        assertThat(tokens.list(query.withCursor(cursor)).tokens()).hasSize(10);
        pat4j.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void theLimitIsOneToAHundred(int limit) {
        assertThatThrownBy(() -> TokenQuery.of("alice").withLimit(limit)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 100, was " + limit);
        assertThat(TokenQuery.of("alice").withLimit(100).limit()).isEqualTo(100);
        assertThat(TokenQuery.of("alice").withLimit(1).limit()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "\u0000", "x\u202Ey", "\u2067", "\u007F"})
    void searchTextWithControlCharactersIsRefused(String search) {
        assertThatThrownBy(() -> TokenQuery.of("alice").withSearch(search))
                .isInstanceOf(IllegalArgumentException.class).satisfies(e ->
                        assertThat(e.getMessage()).startsWith("search must not contain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " alice", "a\tb"})
    void theOwnerIsRequiredAndValidated(String owner) {
        assertThatThrownBy(() -> TokenQuery.of(owner)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void searchTextIsBoundedAndMayHoldSpaces(String kind) {
        assertThatThrownBy(() -> TokenQuery.of("alice").withSearch("s".repeat(257)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("search must be at most 256 characters");
        assertThat(TokenQuery.of("alice").withSearch(" ci ").search()).isEqualTo(" ci ");
        assertThatThrownBy(() -> TokenQuery.of("alice").withStates(null)).isInstanceOf(NullPointerException.class);
        Set<TokenState> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> TokenQuery.of("alice").withStates(withNull))
                .isInstanceOf(IllegalArgumentException.class);
        start(kind);
        assertThat(tokens.list(TokenQuery.of("alice").withSearch("s".repeat(256))).tokens()).isEmpty();
        pat4j.close();
    }

    @org.junit.jupiter.api.Test
    void theDefaultQueryIsEveryStateNewestFirstTwentyAPage() {
        TokenQuery q = TokenQuery.of("alice");
        assertThat(q).isEqualTo(new TokenQuery("alice", Set.of(), null, TokenSort.CREATED_NEWEST, null, 20));
        assertThat(q.withStates(EnumSet.of(TokenState.REVOKED)).withSearch("x").withSort(TokenSort.NAME)
                .withCursor("c").withLimit(5))
                .isEqualTo(new TokenQuery("alice", Set.of(TokenState.REVOKED), "x", TokenSort.NAME, "c", 5));
    }

    private List<String> names(TokenQuery query) {
        return readAll(query.withLimit(2)).stream().map(TokenInfo::name).toList();
    }

    /** A store that offers no capability: the service must list from findByOwner. */
    private static final class WithoutPaging implements TokenStore {
        private final TokenStore delegate;

        WithoutPaging(TokenStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void insert(StoredToken token) {
            delegate.insert(token);
        }

        @Override
        public Optional<StoredToken> find(String id) {
            return delegate.find(id);
        }

        @Override
        public List<StoredToken> findByOwner(String owner) {
            return delegate.findByOwner(owner);
        }

        @Override
        public List<StoredToken> findExpiring(Instant from, Instant to) {
            return delegate.findExpiring(from, to);
        }

        @Override
        public int countActive(String owner, Instant now) {
            return delegate.countActive(owner, now);
        }

        @Override
        public boolean update(StoredToken next) {
            return delegate.update(next);
        }

        @Override
        public boolean claimExpiryNotice(String id, Instant expiresAt) {
            return delegate.claimExpiryNotice(id, expiresAt);
        }

        @Override
        public void recordLastUsed(Map<String, Instant> lastUsed) {
            delegate.recordLastUsed(lastUsed);
        }

        @Override
        public long changeHead() {
            return delegate.changeHead();
        }

        @Override
        public List<TokenChange> changesSince(long after, int limit) {
            return delegate.changesSince(after, limit);
        }
    }
}
