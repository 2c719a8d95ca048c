package dev.pat4j.store;

import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.owner.OwnerRights;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableOwnerDirectory;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two nodes (two {@link Pat4j} instances, each with its own cache) on one store and one owner
 * directory, as two application servers share a database and a user directory: an owner change
 * announced on one node reaches the other's cache through the change feed, with a store that
 * announces changes ({@link InMemoryTokenStore}) and with one that cannot (the plain
 * {@link FullScanStore}, where pat4j bumps each token's version instead). Bounded waits, no
 * timing claims.
 */
class OwnerChangeAcrossNodesTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final ScopeCatalog CATALOG = AzureDevOpsScopes.catalog();

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("announcing store", (Supplier<TokenStore>) InMemoryTokenStore::new),
                Arguments.of("store without the capability", (Supplier<TokenStore>) FullScanStore::new));
    }

    private static Pat4j node(TokenStore store, MutableOwnerDirectory directory) {
        return Pat4j.builder().store(store).scopes(CATALOG).owners(directory)
                .changePollInterval(Duration.ofMillis(50)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anOwnerChangeAnnouncedOnOneNodeReachesTheOtherNodesCache(String name, Supplier<TokenStore> stores) {
        TokenStore store = stores.get();
        MutableOwnerDirectory directory = new MutableOwnerDirectory();
        CountingStore seenByB = new CountingStore(store);
        try (Pat4j a = node(store, directory); Pat4j b = node(seenByB, directory)) {
            IssuedToken t = a.tokens().create(NewToken.builder("alice", "ci").organization("acme")
                    .lifespan(Duration.ofDays(30)).scopes("code:write", "build:read").build(), Actor.user("alice"));
            String header = bearer(t.token());
            // The feed lists the create too: let b handle it first, so what b caches next stays until announced.
            assertThat(seenByB.awaitFeedHandled(store.changeHead(), LIMIT)).isTrue();
            assertThat(scopes(b.validator(), header)).isEqualTo("build:read code:write");
            assertThat(scopes(a.validator(), header)).isEqualTo("build:read code:write");

            directory.set("alice", OwnerRights.everything().withScopes("code:read", "build:read"));
            assertThat(scopes(b.validator(), header)).as("cached, nothing announced yet").isEqualTo("build:read code:write");

            assertThat(a.tokens().ownerChanged("alice")).isEqualTo(1);
            assertThat(scopes(a.validator(), header)).as("the announcing node at once").isEqualTo("build:read code:read");
            assertThat(Fixtures.eventually(LIMIT, () -> scopes(b.validator(), header).equals("build:read code:read")))
                    .as("the other node, through the change feed").isTrue();

            directory.set("alice", OwnerRights.inactive());
            b.tokens().ownerChanged("alice");
            ValidationResult inactive = new ValidationResult.Rejected(RejectionReason.OWNER_INACTIVE, t.info().id());
            assertThat(b.validator().check(header, "acme")).isEqualTo(inactive);
            assertThat(Fixtures.eventually(LIMIT, () -> a.validator().check(header, "acme").equals(inactive)))
                    .isTrue();
            assertThat(store.find(t.info().id()).orElseThrow().scopes()).as("the token itself never changed")
                    .isEqualTo("build:read code:write");
        }
    }

    private static String scopes(TokenValidator validator, String header) {
        ValidationResult r = validator.check(header, "acme");
        return r instanceof ValidationResult.Authenticated ok ? ok.principal().scopes().format() : r.toString();
    }
}
