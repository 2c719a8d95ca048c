package dev.pat4j.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.validation.RejectionReason;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite every pat4j HTTP adapter runs, on every container it supports, against
 * ONE table of answers ({@link ConformanceTable}). Extend it, start the server in
 * {@link #start(ConformanceWorld)}, and name the class {@code ...Test}. It needs no servlet or
 * JAX-RS type: requests go over raw sockets to the two mounts of the returned target. Each
 * subclass starts its own server once; the suite's state belongs to that class, whose tests run
 * one at a time (not thread-safe).
 *
 * <p><b>What each mount must serve</b> (paths below its base; every response body is plain text):
 * <table>
 * <caption>endpoints</caption>
 * <tr><th>request</th><th>needs</th><th>answers with 200</th></tr>
 * <tr><td>{@code GET /whoami}</td><td>any valid token</td><td>{@code whoami <principal name>}</td></tr>
 * <tr><td>{@code GET /repos}</td><td>scope {@code code:read}</td><td>{@code repos of <principal name>}</td></tr>
 * <tr><td>{@code POST /repos}</td><td>scope {@code code:write}</td><td>{@code created by <principal name>}</td></tr>
 * <tr><td>{@code GET /health}</td><td>nothing (anonymous)</td><td>{@code health <principal name or "anonymous">}</td></tr>
 * </table>
 * pat4j configured with realm {@value ConformanceTable#REALM}, {@code Retry-After}
 * {@value ConformanceTable#RETRY_AFTER_SECONDS} seconds, the organization from header
 * {@value #ORGANIZATION_HEADER}, and foreign credentials refused (strict mount) or passed on
 * (pass-on mount). On <em>both</em> mounts a second authentication mechanism runs after pat4j:
 * it lets through requests that pat4j authenticated or that carry no {@code Authorization};
 * accepts exactly {@link ConformanceTable#FOREIGN_BASIC} as principal {@code alice} and
 * {@code Bearer} {@link ConformanceTable#FOREIGN_JWT} as principal {@code jwt-user}; and refuses
 * any other credential with 401, {@code WWW-Authenticate: }{@value ConformanceTable#OTHER_CHALLENGE}
 * and body {@code second mechanism: 401}. Containers must accept request headers of 16 KiB (the
 * matrix sends 9 KiB ones, which pat4j itself must refuse).
 *
 * <p>The world (pat4j, store, clock, tokens) belongs to the suite; the subclass builds its
 * adapter from {@link ConformanceWorld#pat4j()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AdapterConformanceSuite {
    /** The organization header every mount reads. */
    public static final String ORGANIZATION_HEADER = "X-Org";

    private ConformanceWorld world;
    private ConformanceTarget target;

    /** Starts the server under test, both mounts, configured as the class comment says. */
    protected abstract ConformanceTarget start(ConformanceWorld world) throws Exception;

    @BeforeAll
    void startTarget() throws Exception {
        world = new ConformanceWorld();
        target = start(world);
    }

    @AfterAll
    void stopTarget() {
        if (target != null) {
            target.close();
        }
        if (world != null) {
            world.close();
        }
    }

    /** The world, for subclasses' own tests. */
    protected ConformanceWorld world() {
        return world;
    }

    Stream<ConformanceCase> table() {
        return ConformanceTable.cases(world.tokens()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersAsTheTableSays(ConformanceCase row) {
        RawHttp.Reply reply;
        world.store().setDown(row.storeDown());
        try {
            reply = send(row.mount(), row.method(), row.path(), row.headerLines());
        } finally {
            world.store().setDown(false);
        }
        Expected want = row.expected();

        assertThat(reply.status()).as("%s: status of %s", row, reply).isEqualTo(want.status());
        if (want.body() != null) {
            assertThat(reply.body()).as("%s: body", row).isEqualTo(want.body());
            assertThat(reply.all("WWW-Authenticate")).as("%s: challenges", row)
                    .containsExactlyInAnyOrderElementsOf(want.challenges());
            if (want.status() != 200 && !want.challenges().contains(ConformanceTable.OTHER_CHALLENGE)) {
                assertThat(reply.first("Cache-Control")).as("%s: Cache-Control", row).isEqualTo("no-store");
            }
        } else {
            assertNotServed(row.toString(), reply);
        }
        if (want.retryAfter() == null) {
            assertThat(reply.all("Retry-After")).as("%s: Retry-After", row).isEmpty();
        } else {
            assertThat(reply.all("Retry-After")).as("%s: Retry-After", row).containsExactly(want.retryAfter());
        }
        if (want.status() >= 400 && want.body() != null) {
            assertNamesNoCheck(row.toString(), reply.body());
        }
    }

    @Test
    void theTableIsTheFullOne() {
        assertThat(table().count()).isGreaterThanOrEqualTo(90);
    }

    @Test
    void revocationIsHonouredOnTheNextRequest() {
        IssuedToken token = world.issue("gina", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        assertThat(get("/repos", token).status()).isEqualTo(200);

        world.pat4j().tokens().revoke(token.info().id(), Actor.administrator("security"));

        assertThat(get("/repos", token).status()).isEqualTo(401);
    }

    @Test
    void expiryIsHonouredOnTheNextRequest() {
        IssuedToken token = world.issue("hank", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        assertThat(get("/repos", token).status()).isEqualTo(200);
        try {
            world.clock().advance(Duration.ofDays(2));
            assertThat(get("/repos", token).status()).isEqualTo(401);
        } finally {
            world.clock().set(ConformanceWorld.NOW);
        }
    }

    @Test
    void aTokenVerifiedBeforeAnOutageKeepsWorkingFromTheCache() {
        IssuedToken token = world.issue("ivan", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        assertThat(get("/repos", token).status()).isEqualTo(200);
        world.store().setDown(true);
        try {
            assertThat(get("/repos", token).status()).isEqualTo(200);
        } finally {
            world.store().setDown(false);
        }
    }

    /**
     * While pat4j's store circuit breaker is open, an uncached token gets 503 at once (no store
     * call) with {@code Retry-After} counting down to the breaker's probe, a cached token still
     * passes, and after the cool-down the probe lets the token in.
     */
    @Test
    void whileTheStoreBreakerIsOpenA503SaysWhenItWillProbe() {
        IssuedToken cached = world.issue("judy", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        assertThat(get("/repos", cached).status()).isEqualTo(200);
        IssuedToken fresh = world.issue("ken", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        String coolDown = Integer.toString(ConformanceWorld.BREAKER_COOL_DOWN_SECONDS);
        world.store().setDown(true);
        try {
            // Background work (last-used writes) may fail too and open it a request early.
            List<String> retryAfters = new ArrayList<>();
            for (int i = 0; i < ConformanceWorld.BREAKER_FAILURES; i++) {
                RawHttp.Reply reply = get("/repos", fresh);
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.body()).isEqualTo("503 Service Unavailable\n");
                retryAfters.addAll(reply.all("Retry-After"));
            }
            assertThat(retryAfters).as("closed: the configured delay; opened by the last failure: the cool-down")
                    .endsWith(coolDown).allMatch(v -> v.equals(coolDown)
                            || v.equals(Integer.toString(ConformanceTable.RETRY_AFTER_SECONDS)));
            int calls = world.store().findCalls();
            RawHttp.Reply open = get("/repos", fresh);
            assertThat(open.status()).isEqualTo(503);
            assertThat(open.all("Retry-After")).containsExactly(coolDown);
            assertThat(open.first("Cache-Control")).isEqualTo("no-store");
            assertThat(get("/repos", cached).status()).as("cached, within its TTL").isEqualTo(200);

            world.clock().advance(Duration.ofSeconds(ConformanceWorld.BREAKER_COOL_DOWN_SECONDS - 12).plusMillis(500));
            assertThat(get("/repos", fresh).all("Retry-After")).as("rounded up").containsExactly("12");
            world.clock().advance(Duration.ofMillis(11_400));
            assertThat(get("/repos", fresh).all("Retry-After")).as("at least one second").containsExactly("1");
            assertThat(world.store().findCalls()).as("no store call while open").isEqualTo(calls);

            world.store().setDown(false);
            world.clock().advance(Duration.ofMillis(100));
            RawHttp.Reply probe = get("/repos", fresh);
            assertThat(probe.status()).as("the probe closes the breaker").isEqualTo(200);
            assertThat(probe.body()).isEqualTo("repos of ken");
            assertThat(world.pat4j().storeRetryAfter()).isEmpty();
        } finally {
            world.store().setDown(false);
            if (world.pat4j().storeRetryAfter().isPresent()) { // failed midway: close it for the other tests
                world.clock().advance(Duration.ofSeconds(ConformanceWorld.BREAKER_COOL_DOWN_SECONDS));
                world.pat4j().tokens().get(fresh.info().id());
            }
            world.clock().set(ConformanceWorld.NOW);
        }
    }

    private RawHttp.Reply get(String path, IssuedToken token) {
        return send(ConformanceCase.Mount.STRICT, "GET", path, List.of("Authorization: Bearer " + token.token(),
                ORGANIZATION_HEADER + ": " + ConformanceWorld.ORG));
    }

    private RawHttp.Reply send(ConformanceCase.Mount mount, String method, String path, List<String> lines) {
        URI base = mount == ConformanceCase.Mount.STRICT ? target.strict() : target.passOn();
        return RawHttp.send(base, method, base.getRawPath() + path, new ArrayList<>(lines));
    }

    /** Refused by pat4j or by the container before it: no resource ran, and nothing hints at a token check. */
    private static void assertNotServed(String what, RawHttp.Reply reply) {
        String lower = reply.body().toLowerCase(Locale.ROOT);
        for (String output : List.of("whoami ", "repos of", "created by", "health ", "checksum", "revoked", "expired",
                "secret", "organization", "scope")) {
            assertThat(lower).as("%s: neither resource output nor a check named", what).doesNotContain(output);
        }
    }

    private static void assertNamesNoCheck(String what, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (RejectionReason reason : RejectionReason.values()) {
            String name = reason.name().toLowerCase(Locale.ROOT);
            assertThat(lower).as("%s: the body names no check", what).doesNotContain(name)
                    .doesNotContain(name.replace('_', ' '));
        }
        assertThat(lower).as("%s: the body names no check", what).doesNotContain("checksum").doesNotContain("expired")
                .doesNotContain("organization").doesNotContain("secret").doesNotContain("token")
                .doesNotContain("scope");
    }
}
