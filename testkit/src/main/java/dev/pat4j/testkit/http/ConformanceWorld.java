package dev.pat4j.testkit.http;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pat4j the conformance suite runs against: the Azure DevOps catalog on a switchable
 * in-memory store with a hand-moved clock (which also times the store's circuit breaker:
 * {@value #BREAKER_FAILURES} failures, {@value #BREAKER_COOL_DOWN_SECONDS} s), and the tokens
 * the table sends. The adapter under
 * test builds its filter from {@link #pat4j()}; the suite revokes, expires and takes the store
 * down through this handle. Used by one test class at a time.
 * Not thread-safe: one test class at a time.
 */
public final class ConformanceWorld implements AutoCloseable {
    /** The organization every request names (header {@value AdapterConformanceSuite#ORGANIZATION_HEADER}) unless a case says otherwise. */
    public static final String ORG = "acme";
    /** The other organization. */
    public static final String OTHER_ORG = "globex";
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    /** Consecutive store failures that open pat4j's circuit breaker in this world. */
    public static final int BREAKER_FAILURES = 3;
    /** The breaker's cool-down in this world, in seconds (neither the default nor the table's Retry-After). */
    public static final int BREAKER_COOL_DOWN_SECONDS = 30;

    private final MutableClock clock = new MutableClock(NOW);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private final Pat4j pat4j = Pat4j.builder()
            .scopes(AzureDevOpsScopes.catalog())
            .store(store)
            .clock(clock)
            .policy(TokenPolicy.builder().allowFullAccess(true).maxActiveTokensPerOwner(10_000).build())
            .breakerFailures(BREAKER_FAILURES)
            .breakerCoolDown(Duration.ofSeconds(BREAKER_COOL_DOWN_SECONDS))
            .build();
    private final ConformanceTokens tokens;

    public ConformanceWorld() {
        IssuedToken expired;
        clock.set(NOW.minus(Duration.ofDays(10)));
        expired = issue("carol", ORG, Duration.ofDays(1), "code:read");
        clock.set(NOW);
        IssuedToken revoked = issue("dave", ORG, Duration.ofDays(30), "code:read");
        pat4j.tokens().revoke(revoked.info().id(), Actor.user("dave"));
        IssuedToken full = pat4j.tokens().create(NewToken.builder("root", "everything").allOrganizations()
                .lifespan(Duration.ofDays(30)).scopes("*").build(), Actor.administrator("admin"));
        tokens = new ConformanceTokens(
                issue("alice", ORG, Duration.ofDays(30), "code:read"),
                issue("bob", ORG, Duration.ofDays(30), "code:write"),
                issue("carol", ORG, Duration.ofDays(30), "code:manage"),
                full, revoked, expired,
                issue("erin", OTHER_ORG, Duration.ofDays(30), "code:read"),
                issue("frank", ORG, Duration.ofDays(30), "code:read"));
    }

    /** The pat4j to build the adapter from. */
    public Pat4j pat4j() {
        return pat4j;
    }

    /** The tokens the table uses. */
    public ConformanceTokens tokens() {
        return tokens;
    }

    /** The store, to take it down. */
    public CountingStore store() {
        return store;
    }

    /** The clock, to make tokens expire. */
    public MutableClock clock() {
        return clock;
    }

    /** A fresh token of {@code owner} in {@code organization}. */
    public IssuedToken issue(String owner, String organization, Duration lifespan, String... scopes) {
        return pat4j.tokens().create(NewToken.builder(owner, "conformance").organization(organization)
                .lifespan(lifespan).scopes(scopes).build(), Actor.user(owner));
    }

    /** The 32-character secret inside a token: what must never reach a log. */
    public static String secretOf(IssuedToken issued) {
        String token = issued.token();
        int start = token.indexOf('_') + 1 + 12;
        return token.substring(start, start + 32);
    }

    @Override
    public void close() {
        pat4j.close();
    }
}
