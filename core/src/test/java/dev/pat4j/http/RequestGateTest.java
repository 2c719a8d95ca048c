package dev.pat4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AccessRules.Requirement;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate without any container: the order of its steps, its extension points and the things a
 * container cannot show (a throttle, a client address). What clients see over HTTP is the
 * testkit's conformance suite, run by every adapter.
 */
class RequestGateTest {
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private final Pat4j pat4j = Fixtures.builder(clock, store).build();
    private final IssuedToken reader = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
    private final AccessRules rules = AccessRules.builder()
            .require("POST", "/repos/*", "code:write")
            .anonymous("/health")
            .deny("/internal/*")
            .build();
    private final RequestGate gate = RequestGate.builder(pat4j).rules(rules).realm("acme")
            .organizationFrom(OrganizationSource.header("X-Org")).build();

    @AfterEach
    void close() {
        pat4j.close();
    }

    /** A request as a test writes it. */
    record Request(String method, String rawPath, String path, Map<String, List<String>> headerMap, String remoteAddress)
            implements RequestView {
        static Request of(String method, String path, String... headerLines) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            return new Request(method, path, path, headers, "192.0.2.7");
        }

        @Override
        public List<String> headers(String name) {
            return headerMap.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    @Test
    void aValidTokenProceedsWithItsPrincipal() {
        Decision d = gate.decide(Request.of("GET", "/repos", "Authorization: Bearer " + reader.token(), "X-Org: acme"));

        assertThat(d).isInstanceOfSatisfying(Decision.Proceed.class,
                p -> assertThat(p.principal().owner()).isEqualTo("alice"));
        assertThat(d.log().level()).isEqualTo(LogLine.Level.DEBUG);
        assertThat(d.log().message()).isEqualTo("pat4j: admitted GET /repos: token " + reader.info().id() + " of alice");
    }

    @Test
    void aBoundTokenOnARequestNamingNoOrganizationIs401UnlessPat4jAcceptsIt() {
        Decision.Refuse r = (Decision.Refuse) gate.decide(Request.of("GET", "/repos",
                "Authorization: Bearer " + reader.token()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(Decision.Body.UNAUTHORIZED);
        assertThat(r.log().message()).isEqualTo("pat4j: 401 GET /repos: ORGANIZATION_REQUIRED (token "
                + reader.info().id() + ")");
        assertThat(((Decision.Refuse) RequestGate.builder(pat4j).build().decide(Request.of("GET", "/repos",
                "Authorization: Bearer " + reader.token()))).status()).as("no organization source at all").isEqualTo(401);

        try (Pat4j lenient = Fixtures.builder(clock, store).acceptBoundTokensWithoutOrganization(true).build()) {
            Decision d = RequestGate.builder(lenient).organizationFrom(OrganizationSource.header("X-Org")).build()
                    .decide(Request.of("GET", "/repos", "Authorization: Bearer " + reader.token()));
            assertThat(d).isInstanceOfSatisfying(Decision.Proceed.class,
                    p -> assertThat(p.principal().organization()).isEqualTo("acme"));
        }
    }

    /**
     * A token whose owner no longer holds any of its scopes authenticates with none: 403 where a
     * scope is required (what a token lacking the scope gets), admitted where any token will do;
     * an inactive owner's token is 401 like every other refused token.
     */
    @Test
    void aTokenNarrowedToNothingByItsOwnersRightsIs403AndAnInactiveOwnersIs401() {
        dev.pat4j.testkit.MutableOwnerDirectory owners = new dev.pat4j.testkit.MutableOwnerDirectory();
        try (Pat4j narrowing = Fixtures.builder(clock, store).owners(owners).build()) {
            IssuedToken writer = Fixtures.create(narrowing, "erin", "acme", Duration.ofDays(1), "code:write");
            owners.set("erin", dev.pat4j.owner.OwnerRights.everything().withScopes("build:read"));
            narrowing.tokens().ownerChanged("erin");
            RequestGate narrowed = RequestGate.builder(narrowing).rules(rules)
                    .organizationFrom(OrganizationSource.header("X-Org")).build();
            String[] credential = {"Authorization: Bearer " + writer.token(), "X-Org: acme"};

            Decision.Refuse post = (Decision.Refuse) narrowed.decide(Request.of("POST", "/repos/x", credential));
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.header("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"pat4j\", error=\"insufficient_scope\", scope=\"code:write\"");
            assertThat(narrowed.decide(Request.of("GET", "/whoami", credential)))
                    .isInstanceOfSatisfying(Decision.Proceed.class, p -> assertThat(p.principal().scopes().isEmpty()).isTrue());

            owners.set("erin", dev.pat4j.owner.OwnerRights.inactive());
            narrowing.tokens().ownerChanged("erin");
            Decision.Refuse inactive = (Decision.Refuse) narrowed.decide(Request.of("GET", "/whoami", credential));
            assertThat(inactive.status()).isEqualTo(401);
            assertThat(inactive.body()).isEqualTo(Decision.Body.UNAUTHORIZED);
            assertThat(inactive.log().message()).endsWith("OWNER_INACTIVE (token " + writer.info().id() + ")");
        }
    }

    @Test
    void aNonCanonicalPathIs400BeforeAnythingElse() {
        Decision d = gate.decide(Request.of("GET", "/internal/../health"));

        assertThat(d).isInstanceOfSatisfying(Decision.Refuse.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).isEqualTo(Decision.Body.BAD_REQUEST);
            assertThat(r.header("WWW-Authenticate")).isEmpty();
        });
        assertThat(gate.screen(Request.of("GET", "/health/%2e%2e/repos"))).isPresent();
        assertThat(gate.screen(Request.of("GET", "/health"))).isEmpty();
    }

    @Test
    void aDeniedPathIs403WithoutAChallengeWhateverTheToken() {
        Decision.Refuse r = (Decision.Refuse) gate.decide(Request.of("GET", "/internal/x",
                "Authorization: Bearer " + reader.token()));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers()).containsExactly(new Decision.Header("Cache-Control", "no-store"));
    }

    @Test
    void aControlCharacterInTheCredentialIs400LikeTheContainersThatRefuseItThemselves() {
        Decision.Refuse r = (Decision.Refuse) gate.decide(Request.of("GET", "/repos",
                "Authorization: Bearer pat_\u0000x"));

        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void twoOrganizationHeadersAre400AndTheBodyNamesNoCheck() {
        Decision.Refuse r = (Decision.Refuse) gate.decide(Request.of("GET", "/repos",
                "Authorization: Bearer " + reader.token(), "X-Org: acme", "X-Org: other"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().text()).isEqualTo("400 Bad Request\n");
        assertThat(r.log().message()).contains("organization unclear: header X-Org sent more than once");
    }

    @Test
    void theSecondStepRefusesWithTheSameAnswers() {
        var principal = ((Decision.Proceed) gate.decide(Request.of("GET", "/repos",
                "Authorization: Bearer " + reader.token(), "X-Org: acme"))).principal();
        Request post = Request.of("POST", "/x");

        assertThat(gate.authorize(post, principal, List.of("code:read"))).isInstanceOf(Decision.Proceed.class);
        Decision.Refuse lacking = (Decision.Refuse) gate.authorize(post, principal, List.of("code:read", "code:write"));
        assertThat(lacking.status()).isEqualTo(403);
        assertThat(lacking.header("WWW-Authenticate")).containsExactly(
                "Bearer realm=\"acme\", error=\"insufficient_scope\", scope=\"code:read code:write\"");
        assertThat(lacking.log().message()).endsWith("lacks [code:write]");
        assertThat(((Decision.Refuse) gate.authorize(post, principal, List.of("code:undeclared"))).status())
                .as("an undeclared scope is never held").isEqualTo(403);
        Decision.Refuse nobody = (Decision.Refuse) gate.authorize(post, null, List.of("code:read"));
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.header("WWW-Authenticate")).hasSize(2);
    }

    @Test
    void anAdapterMaySayWhatARequestNeeds() {
        assertThat(gate.decide(Request.of("GET", "/anything"), Requirement.ANONYMOUS))
                .isInstanceOfSatisfying(Decision.Proceed.class, p -> assertThat(p.anonymous()).isTrue());
        assertThat(((Decision.Refuse) gate.decide(Request.of("GET", "/health"), Requirement.AUTHENTICATED)).status())
                .isEqualTo(401);
    }

    @Test
    void foreignCredentialsPassOnOnlyUnderThePolicyAndOnlyWhenTheyLackThePrefix() {
        int finds = store.findCalls();
        RequestGate passOn = RequestGate.builder(pat4j).foreignCredentials(ForeignCredentials.PASS_ON).build();
        String jwt = "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";

        assertThat(passOn.decide(Request.of("GET", "/x", jwt))).isInstanceOf(Decision.PassOn.class);
        assertThat(passOn.decide(Request.of("GET", "/x", "Authorization: " + Fixtures.basic("alice", "secret"))))
                .isInstanceOf(Decision.PassOn.class);
        assertThat(((Decision.Refuse) gate.decide(Request.of("GET", "/x", jwt))).status()).as("strict").isEqualTo(401);
        for (String ours : List.of("Bearer " + reader.token() + "x", "Bearer PAT_" + reader.token().substring(4),
                Fixtures.basic("alice", "pat_nope"), Fixtures.basic("pat_nope", "secret"), "Digest abc",
                "Bearer a b", "Basic !!!", "Bearer")) {
            assertThat(passOn.decide(Request.of("GET", "/x", "Authorization: " + ours)))
                    .as(ours).isInstanceOfSatisfying(Decision.Refuse.class, r -> assertThat(r.status()).isEqualTo(401));
        }
    }

    @Test
    void theThrottleIsAskedWithTheResolvedClientAddressAndToldHowChecksEnd() {
        List<String> seen = new CopyOnWriteArrayList<>();
        AttemptThrottle throttle = new AttemptThrottle() {
            @Override
            public Duration delay(String clientAddress) {
                seen.add("delay " + clientAddress);
                return clientAddress.equals("198.51.100.1") ? Duration.ofMillis(1500) : Duration.ZERO;
            }

            @Override
            public void failed(String clientAddress, RejectionReason reason) {
                seen.add("failed " + clientAddress + " " + reason);
            }

            @Override
            public void succeeded(String clientAddress) {
                seen.add("succeeded " + clientAddress);
            }
        };
        RequestGate throttled = RequestGate.builder(pat4j).throttle(throttle)
                .organizationFrom(OrganizationSource.header("X-Org"))
                .clientAddress(request -> request.headers("X-Test-Client").isEmpty()
                        ? request.remoteAddress() : request.headers("X-Test-Client").get(0))
                .build();

        throttled.decide(Request.of("GET", "/x", "Authorization: Bearer " + reader.token(), "X-Org: acme"));
        throttled.decide(Request.of("GET", "/x", "Authorization: Bearer " + Fixtures.lookAlike(reader.token())));
        Decision.Refuse waiting = (Decision.Refuse) throttled.decide(Request.of("GET", "/x",
                "Authorization: Bearer " + reader.token(), "X-Test-Client: 198.51.100.1"));

        assertThat(seen).containsExactly("delay 192.0.2.7", "succeeded 192.0.2.7", "delay 192.0.2.7",
                "failed 192.0.2.7 SECRET_MISMATCH", "delay 198.51.100.1");
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.header("Retry-After")).containsExactly("2");
    }

    /** A proxy nobody trusted makes all its clients one address: the 429's log line says what to configure. */
    @Test
    void aBlockedRequestThatNamesAnUnbelievedForwardedClientIsLoggedWithTheFix() {
        AttemptThrottle blocking = AttemptThrottle.slidingWindow().failures(1).build();
        RequestGate throttled = RequestGate.builder(pat4j).throttle(blocking).build();
        String forged = "Authorization: Bearer " + Fixtures.lookAlike(reader.token());
        throttled.decide(Request.of("GET", "/x", forged, "X-Forwarded-For: 203.0.113.9"));

        Decision.Refuse viaProxy = (Decision.Refuse) throttled.decide(Request.of("GET", "/x", forged,
                "X-Forwarded-For: 203.0.113.9"));
        Decision.Refuse direct = (Decision.Refuse) throttled.decide(Request.of("GET", "/x", forged));

        assertThat(viaProxy.status()).isEqualTo(429);
        assertThat(viaProxy.log().message()).contains("throttled client 192.0.2.7")
                .contains("list it in pat4j.http.trusted-proxies");
        assertThat(direct.status()).isEqualTo(429);
        assertThat(direct.log().message()).endsWith("throttled client 192.0.2.7");
        RequestGate behindTrustedProxy = RequestGate.builder(pat4j)
                .throttle(AttemptThrottle.slidingWindow().failures(1).build())
                .clientAddress(ClientAddressResolver.trustedProxies(List.of(AddressRange.parse("192.0.2.0/24"))))
                .build();
        behindTrustedProxy.decide(Request.of("GET", "/x", forged, "X-Forwarded-For: 203.0.113.9"));
        Decision.Refuse believed = (Decision.Refuse) behindTrustedProxy.decide(Request.of("GET", "/x", forged,
                "X-Forwarded-For: 203.0.113.9"));
        assertThat(believed.status()).isEqualTo(429);
        assertThat(believed.log().message()).endsWith("throttled client 203.0.113.9");
    }

    @Test
    void theStoreDownIs503WithRetryAfterAndAWarning() {
        IssuedToken fresh = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(1), "code:read");
        store.setDown(true);
        Decision.Refuse r = (Decision.Refuse) gate.decide(Request.of("GET", "/repos", "Authorization: Bearer "
                + fresh.token()));

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).containsExactly("5");
        assertThat(r.header("WWW-Authenticate")).isEmpty();
        assertThat(r.log().level()).isEqualTo(LogLine.Level.WARN);
        assertThat(r.log().message()).isEqualTo("pat4j: 503 GET /repos: STORE_UNAVAILABLE (token " + fresh.info().id() + ")");
    }

    @Test
    void logLinesNeverHoldTheSecretEvenWhenThePathDoes() {
        Decision d = gate.decide(Request.of("GET", "/files/" + reader.token() + "\r\nINFO forged",
                "Authorization: Bearer " + Fixtures.lookAlike(reader.token())));

        assertThat(d.log().message()).doesNotContain(reader.token()).doesNotContain("\n")
                .doesNotContain(reader.token().substring(16, 48));
        assertThat(d.toString()).doesNotContain(reader.token().substring(16, 48));
    }

    /**
     * What a framework with several mechanisms asks first: pat4j claims what holds or may be its
     * token and leaves other mechanisms' credentials to them, under either policy.
     */
    @Test
    void theGateClaimsItsOwnCredentialsAndLeavesOthersToTheNextMechanism() {
        String token = reader.token();
        List<String> claimed = List.of("Bearer " + token, "bearer " + token.toUpperCase(Locale.ROOT),
                Fixtures.basic("ci", token), Fixtures.basic(token, ""), Fixtures.basic("", token + "x"),
                "Bearer " + Fixtures.lookAlike(token), "Bearer", "Bearer two words", "Basic !!!", "Basic " + "QQ==",
                "token " + token, token, "Digest " + token);
        List<String> notClaimed = List.of("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln",
                Fixtures.basic("alice", "secret"), Fixtures.basic("", ""), "Digest username=\"alice\", nonce=\"n\"",
                "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXegDTALBgkqhkiG9xIBAgKhBAMCAXY=", "", "   ");
        int finds = store.findCalls();
        RequestGate passOn = RequestGate.builder(pat4j).foreignCredentials(ForeignCredentials.PASS_ON).build();
        for (RequestGate g : List.of(gate, passOn)) {
            for (String header : claimed) {
                assertThat(g.claims(Request.of("GET", "/repos", "Authorization: " + header))).as(header).isTrue();
            }
            for (String header : notClaimed) {
                assertThat(g.claims(Request.of("GET", "/repos", "Authorization: " + header))).as(header).isFalse();
            }
            assertThat(g.claims(Request.of("GET", "/repos"))).as("no header").isFalse();
            assertThat(g.claims(Request.of("GET", "/repos", "Authorization: " + Fixtures.basic("alice", "secret"),
                    "Authorization: " + Fixtures.basic("alice", "secret")))).as("two headers").isTrue();
        }
        assertThat(store.findCalls()).as("claiming validates nothing").isEqualTo(finds);
    }

    @Test
    void theBuilderRefusesMistakesAtOnce() {
        assertThatThrownBy(() -> RequestGate.builder(pat4j).rules(AccessRules.builder()
                .require("GET", "/x", "code:reed").build()))
                .hasMessage("a rule requires scope 'code:reed', which the scope catalog does not declare");
        assertThatThrownBy(() -> RequestGate.builder(pat4j).realm("caf\u00e9")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> RequestGate.builder(pat4j).retryAfter(Duration.ofMillis(10)))
                .hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> RequestGate.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OrganizationSource.header("X Org")).hasMessageContaining("not an HTTP header name");
        assertThatThrownBy(() -> OrganizationSource.pathSegment(-1)).hasMessageContaining("negative");
    }
}
