package dev.pat4j.servlet;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.HostileHeaders;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * A real pat4j on a (switchable) in-memory store with a hand-moved clock, and the tokens the
 * tests send: one per scope level, plus a revoked, an expired and an other-organization one.
 */
final class TestWorld implements AutoCloseable {
    static final String ORG = "acme";
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final CountingStore store = new CountingStore(new InMemoryTokenStore());
    final Pat4j pat4j = Pat4j.builder()
            .scopes(AzureDevOpsScopes.catalog())
            .store(store)
            .clock(clock)
            .policy(TokenPolicy.builder().allowFullAccess(true).maxActiveTokensPerOwner(10_000).build())
            .build();

    final IssuedToken reader = issue("alice", ORG, "code:read");
    final IssuedToken writer = issue("bob", ORG, "code:write");
    final IssuedToken manager = issue("carol", ORG, "code:manage");
    final IssuedToken full = pat4j.tokens().create(NewToken.builder("root", "everything").allOrganizations()
            .lifespan(Duration.ofDays(30)).scopes("*").build(), Actor.administrator("admin"));
    final IssuedToken revoked = issue("alice", ORG, "code:read");
    final IssuedToken expired;
    final IssuedToken otherOrganization = issue("alice", "other", "code:read");

    TestWorld() {
        pat4j.tokens().revoke(revoked.info().id(), Actor.user("alice"));
        clock.set(NOW.minus(Duration.ofDays(10)));
        expired = pat4j.tokens().create(NewToken.builder("alice", "old").organization(ORG)
                .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));
        clock.set(NOW);
    }

    /** A fresh token of {@code owner} in {@code organization} with one lifespan of 30 days. */
    IssuedToken issue(String owner, String organization, String... scopes) {
        return pat4j.tokens().create(NewToken.builder(owner, "t").organization(organization)
                .lifespan(Duration.ofDays(30)).scopes(scopes).build(), Actor.user(owner));
    }

    HostileHeaders.Tokens hostileTokens() {
        return new HostileHeaders.Tokens(reader.token(), revoked.token(), expired.token(), otherOrganization.token());
    }

    /** The 32-character secret inside a token: what must never reach a log. */
    static String secretOf(IssuedToken issued) {
        String token = issued.token();
        int start = token.indexOf('_') + 1 + 12;
        return token.substring(start, start + 32);
    }

    @Override
    public void close() {
        pat4j.close();
    }
}
