package dev.pat4j.web.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.http.AccessRules;
import dev.pat4j.http.OrganizationSource;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.testkit.HostileHeaders;
import dev.pat4j.testkit.http.ConformanceTokens;
import dev.pat4j.testkit.http.ConformanceWorld;
import dev.pat4j.testkit.http.RawHttp;
import dev.pat4j.web.ForwardAuthServlet;
import dev.pat4j.web.Pat4jWeb;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forward-authentication endpoint alone, on Jetty over HTTP, asked as a proxy asks: the
 * original request's headers plus {@code X-Forwarded-Method} and {@code X-Forwarded-Uri}. The
 * answer matrix (200 with identity, 401, 403, 503, 400), the organization from a header and from
 * a path segment, the testkit's hostile-header matrix, and the headers a client forges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardAuthEndpointTest {
    static final String BASIC = "Basic realm=\"registry\", charset=\"UTF-8\"";
    static final String BEARER = "Bearer realm=\"registry\"";
    static final String ORG_LINE = "X-Org: " + ConformanceWorld.ORG;

    ConformanceWorld world;
    ConformanceTokens t;
    Jetty jetty;
    URI base;

    @BeforeAll
    void start() throws Exception {
        world = new ConformanceWorld();
        t = world.tokens();
        AccessRules rules = AccessRules.builder()
                .require("GET", "/repos/*", "code:read")
                .require("POST", "/repos/*", "code:write")
                .anonymous("/public/*")
                .deny("/admin/*")
                .build();
        ForwardAuthServlet byHeader = Pat4jWeb.forwardAuth(world.pat4j()).rules(rules)
                .organizationFrom(OrganizationSource.header("X-Org")).realm("registry")
                .retryAfter(Duration.ofSeconds(7)).build();
        ForwardAuthServlet byPath = Pat4jWeb.forwardAuth(world.pat4j())
                .rules(AccessRules.builder().require("GET", "/orgs/*/repos/*", "code:read").build())
                .organizationFrom(OrganizationSource.pathSegment(1)).realm("registry")
                .ownerHeader("X-User").tokenIdHeader("X-Token").scopesHeader("X-Roles").build();
        jetty = Jetty.serve(Map.of("/auth", byHeader, "/auth-by-path", byPath));
        base = jetty.base();
    }

    @AfterEach
    void storeBack() {
        world.store().setDown(false);
    }

    @AfterAll
    void stop() throws Exception {
        jetty.close();
        world.close();
    }

    /** Asks {@code /auth} about {@code method uri} with {@code lines} as the original request's headers. */
    RawHttp.Reply ask(String method, String uri, String... lines) {
        return askAt("/auth", method, uri, lines);
    }

    RawHttp.Reply askAt(String endpoint, String method, String uri, String... lines) {
        List<String> headers = new ArrayList<>(List.of("X-Forwarded-Method: " + method, "X-Forwarded-Uri: " + uri));
        headers.addAll(List.of(lines));
        return RawHttp.send(base, "GET", endpoint, headers);
    }

    static String bearer(IssuedToken token) {
        return "Authorization: Bearer " + token.token();
    }

    @Test
    void aValidTokenWithTheScopeGets200WithItsIdentity() {
        RawHttp.Reply reply = ask("GET", "/repos/app?ref=main", bearer(t.reader()), ORG_LINE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.all("X-Pat4j-Owner")).containsExactly("alice");
        assertThat(reply.all("X-Pat4j-Token-Id")).containsExactly(t.reader().info().id());
        assertThat(reply.first("X-Pat4j-Scopes").split(" ")).contains("code:read");
        assertThat(reply.first("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.all("WWW-Authenticate")).isEmpty();
    }

    @Test
    void theTokenMayComeAsTheBasicPasswordAsGitAndDockerSendIt() {
        RawHttp.Reply reply = ask("GET", "/repos/app", "Authorization: " + HostileHeaders.basic("ci", t.reader().token()),
                ORG_LINE);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.first("X-Pat4j-Owner")).isEqualTo("alice");
    }

    @Test
    void noTokenGets401WithTheFiltersChallenges() {
        RawHttp.Reply reply = ask("GET", "/repos/app", ORG_LINE);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.all("WWW-Authenticate")).containsExactly(BASIC, BEARER);
        assertThat(reply.first("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.body()).isEqualTo("401 Unauthorized\n");
        assertThat(reply.all("X-Pat4j-Owner")).isEmpty();
    }

    @Test
    void revokedExpiredAndOtherOrganizationTokensGet401() {
        for (IssuedToken token : List.of(t.revoked(), t.expired(), t.otherOrganization())) {
            RawHttp.Reply reply = ask("GET", "/repos/app", bearer(token), ORG_LINE);
            assertThat(reply.status()).as(token.info().owner()).isEqualTo(401);
            assertThat(reply.all("WWW-Authenticate")).containsExactly(BASIC, BEARER);
        }
    }

    @Test
    void aMissingScopeGets403WithTheInsufficientScopeChallenge() {
        RawHttp.Reply reply = ask("POST", "/repos/app", bearer(t.reader()), ORG_LINE);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.all("WWW-Authenticate"))
                .containsExactly(BEARER + ", error=\"insufficient_scope\", scope=\"code:write\"");
        assertThat(reply.body()).isEqualTo("403 Forbidden\n");
        assertThat(reply.all("X-Pat4j-Owner")).isEmpty();
    }

    @Test
    void theWriterPassesThePostRule() {
        assertThat(ask("POST", "/repos/app", bearer(t.writer()), ORG_LINE).status()).isEqualTo(200);
    }

    @Test
    void theProxysRequiredScopeHeaderAddsToTheRules() {
        RawHttp.Reply reply = ask("GET", "/repos/app", bearer(t.reader()), ORG_LINE,
                "X-Pat4j-Required-Scope: packaging:read");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.first("WWW-Authenticate")).endsWith("scope=\"code:read packaging:read\"");
        assertThat(ask("GET", "/other", bearer(t.reader()), ORG_LINE, "X-Pat4j-Required-Scope: code:read")
                .status()).isEqualTo(200);
    }

    @Test
    void aClientSentRequiredScopeHeaderCannotLoosenARule() {
        RawHttp.Reply reply = ask("POST", "/repos/app", bearer(t.reader()), ORG_LINE,
                "X-Pat4j-Required-Scope: code:read");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(ask("GET", "/admin/x", bearer(t.full()), ORG_LINE, "X-Pat4j-Required-Scope: code:read").status())
                .isEqualTo(403);
    }

    @Test
    void aMalformedRequiredScopeHeaderGets400() {
        assertThat(ask("GET", "/repos/app", bearer(t.reader()), ORG_LINE, "X-Pat4j-Required-Scope: code:read;x")
                .status()).isEqualTo(400);
        assertThat(ask("GET", "/repos/app", bearer(t.reader()), ORG_LINE,
                "X-Pat4j-Required-Scope: " + "a".repeat(5000) + "!").status()).isEqualTo(400);
    }

    @Test
    void anAnonymousPathPassesWithoutIdentityAndADeniedOneIsRefusedWithoutChallenge() {
        RawHttp.Reply anonymous = ask("GET", "/public/logo.png", ORG_LINE);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.all("X-Pat4j-Owner")).isEmpty();

        RawHttp.Reply denied = ask("GET", "/admin/users", bearer(t.full()), ORG_LINE);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.all("WWW-Authenticate")).isEmpty();
    }

    @Test
    void headersTheClientForgesAreNeverEchoedNorTrusted() {
        String[] forged = {"X-Pat4j-Owner: mallory", "X-Pat4j-Token-Id: forged", "X-Pat4j-Scopes: *"};

        RawHttp.Reply anonymous = ask("GET", "/public/logo.png", concat(forged, ORG_LINE));
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.all("X-Pat4j-Owner")).isEmpty();
        assertThat(anonymous.all("X-Pat4j-Scopes")).isEmpty();

        RawHttp.Reply valid = ask("GET", "/repos/app", concat(forged, ORG_LINE, bearer(t.reader())));
        assertThat(valid.all("X-Pat4j-Owner")).containsExactly("alice");
        assertThat(valid.all("X-Pat4j-Token-Id")).containsExactly(t.reader().info().id());
        assertThat(valid.first("X-Pat4j-Scopes")).doesNotContain("*");

        RawHttp.Reply refused = ask("GET", "/repos/app", concat(forged, ORG_LINE));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().keySet()).noneMatch(name -> name.startsWith("x-pat4j"));
    }

    @Test
    void aStoreOutageGets503WithRetryAfter() {
        IssuedToken fresh = world.issue("grace", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        world.store().setDown(true);

        RawHttp.Reply reply = ask("GET", "/repos/app", bearer(fresh), ORG_LINE);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.first("Retry-After")).isEqualTo("7");
        assertThat(reply.body()).isEqualTo("503 Service Unavailable\n");
        assertThat(reply.all("X-Pat4j-Owner")).isEmpty();
    }

    @Test
    void revocationIsHonouredOnTheNextRequest() {
        IssuedToken token = world.issue("heidi", ConformanceWorld.ORG, Duration.ofDays(1), "code:read");
        assertThat(ask("GET", "/repos/app", bearer(token), ORG_LINE).status()).isEqualTo(200);

        world.pat4j().tokens().revoke(token.info().id(), Actor.user("heidi"));

        assertThat(ask("GET", "/repos/app", bearer(token), ORG_LINE).status()).isEqualTo(401);
    }

    @Test
    void theOrganizationMayBeAPathSegmentOfTheOriginalUri() {
        RawHttp.Reply own = askAt("/auth-by-path", "GET", "/orgs/acme/repos/app", bearer(t.reader()));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.first("X-User")).isEqualTo("alice");
        assertThat(own.first("X-Token")).isEqualTo(t.reader().info().id());
        assertThat(own.first("X-Roles")).contains("code:read");
        assertThat(own.all("X-Pat4j-Owner")).isEmpty();

        assertThat(askAt("/auth-by-path", "GET", "/orgs/globex/repos/app", bearer(t.reader())).status())
                .isEqualTo(401);
        assertThat(askAt("/auth-by-path", "GET", "/orgs/globex/repos/app", bearer(t.otherOrganization())).status())
                .isEqualTo(200);
    }

    @Test
    void theUriMayComeAsXOriginalUriButNeverAmbiguously() {
        List<String> original = List.of("X-Forwarded-Method: GET", "X-Original-URI: /repos/app", bearer(t.reader()),
                ORG_LINE);
        assertThat(RawHttp.send(base, "GET", "/auth", original).status()).isEqualTo(200);

        RawHttp.Reply both = ask("GET", "/public/x", "X-Original-URI: /admin/x", ORG_LINE);
        assertThat(both.status()).isEqualTo(400);
        RawHttp.Reply twice = RawHttp.send(base, "GET", "/auth", List.of("X-Forwarded-Method: GET",
                "X-Forwarded-Uri: /public/x", "X-Forwarded-Uri: /repos/x", ORG_LINE));
        assertThat(twice.status()).isEqualTo(400);
        RawHttp.Reply none = RawHttp.send(base, "GET", "/auth", List.of("X-Forwarded-Method: GET", bearer(t.reader()),
                ORG_LINE));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.headers().keySet()).noneMatch(name -> name.startsWith("x-pat4j"));
    }

    @Test
    void theMethodFallsBackToTheSubrequestsOwnButAMalformedOneIsRefused() {
        RawHttp.Reply post = RawHttp.send(base, "POST", "/auth", List.of("X-Forwarded-Uri: /repos/app",
                bearer(t.reader()), ORG_LINE));
        assertThat(post.status()).isEqualTo(403);

        assertThat(ask("post", "/repos/app", bearer(t.reader()), ORG_LINE).status()).isEqualTo(400);
        assertThat(RawHttp.send(base, "GET", "/auth", List.of("X-Forwarded-Method: GET", "X-Forwarded-Method: POST",
                "X-Forwarded-Uri: /repos/app", bearer(t.writer()), ORG_LINE)).status()).isEqualTo(400);
    }

    /** Paths that a naive proxy or upstream would resolve to a denied or scoped path below an anonymous one. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/public/../admin/users", "/public/%2e%2e/admin/users", "/public/%2E%2E/admin/users",
        "/public/.%2e/admin/users", "/public/..%2Fadmin/users", "/public%2F..%2Fadmin%2Fusers",
        "/public/%252e%252e/admin/users", "/public/..;/admin/users", "/public;/../admin/users",
        "/public/.;/../admin/users", "/public\\..\\admin\\users", "/public/%5C..%5Cadmin/users",
        "/public/%00/../admin/users", "/public/./../admin/users", "//public/../admin/users",
        "/public//../admin/users", "/public/%2e/../admin/users", "/public/%c0%ae%c0%ae/admin/users",
        "/public/\u00e9/../admin/users", "public/../admin/users", "http://evil/public/../admin/users",
        "/public/%2/../admin/users", "/public/../repos/app", "/public/%2e%2e/repos/app"})
    void encodedOrDottedPathsCannotBypassARule(String uri) {
        for (String[] credentials : new String[][] {{}, {bearer(t.reader())}, {bearer(t.full())}}) {
            RawHttp.Reply reply = ask("GET", uri, concat(credentials, ORG_LINE));
            assertThat(reply.status()).as(uri).isEqualTo(400);
            assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("x-pat4j"));
        }
        RawHttp.Reply write = ask("POST", uri, bearer(t.reader()), ORG_LINE);
        assertThat(write.status()).as(uri).isEqualTo(400);
    }

    @Test
    void theRulesMatchTheCanonicalPathsTheyName() {
        assertThat(ask("GET", "/admin/users", ORG_LINE).status()).isEqualTo(403);
        assertThat(ask("GET", "/admin", bearer(t.full()), ORG_LINE).status()).isEqualTo(403);
        IssuedToken packages = world.issue("ivan", ConformanceWorld.ORG, Duration.ofDays(1), "packaging:read");
        assertThat(ask("GET", "/repos/app/", bearer(packages), ORG_LINE).status()).isEqualTo(403);
        assertThat(ask("GET", "/repos/%61pp", bearer(packages), ORG_LINE).status()).isEqualTo(403);
        assertThat(ask("GET", "/elsewhere", bearer(packages), ORG_LINE).status()).isEqualTo(200);
        assertThat(ask("GET", "/repos/%61pp", bearer(t.reader()), ORG_LINE).status()).isEqualTo(200);
    }

    Stream<HostileHeaders.Case> hostile() {
        return HostileHeaders.matrix(new HostileHeaders.Tokens(t.reader().token(), t.revoked().token(),
                t.expired().token(), t.otherOrganization().token())).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileAuthorizationHeadersGet401OrWithControlCharacters400(HostileHeaders.Case hostile) {
        boolean control = hostile.values().stream()
                .anyMatch(v -> v.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F));
        List<String> lines = new ArrayList<>();
        hostile.values().forEach(v -> lines.add("Authorization: " + v));
        lines.add(ORG_LINE);

        RawHttp.Reply reply = ask("GET", "/repos/app", lines.toArray(String[]::new));

        assertThat(reply.status()).as(hostile.name()).isEqualTo(control ? 400 : 401);
        if (!control) {
            assertThat(reply.all("WWW-Authenticate")).containsExactly(BASIC, BEARER);
            assertThat(reply.body()).isEqualTo("401 Unauthorized\n");
        }
        assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("x-pat4j"));
    }

    @Test
    void theAcceptedFormsOfTheHostileMatrixAuthenticate() {
        for (String form : HostileHeaders.acceptedForms(t.reader().token())) {
            assertThat(ask("GET", "/repos/app", "Authorization: " + form, ORG_LINE).status()).as(form).isEqualTo(200);
        }
    }

    static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}
