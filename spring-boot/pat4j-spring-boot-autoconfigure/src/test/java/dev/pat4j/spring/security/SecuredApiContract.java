package dev.pat4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pat4j.Pat4j;
import dev.pat4j.http.RequestGate;
import dev.pat4j.http.RequestView;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.micrometer.Pat4jMetrics;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.HostileHeaders;
import dev.pat4j.testkit.http.RawHttp;
import dev.pat4j.validation.RejectionReason;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test application over HTTP, the same on every container: a token authenticates and its
 * scopes (implied ones included) are authorities that {@code @PreAuthorize} enforces; form login,
 * password Basic and a JWT on the same chain still work; no session on a token request; a
 * revocation through {@link TokenService} is refused on the next request; the test kit's
 * hostile-header matrix; health and each meter at {@code /actuator}. Each subclass names its
 * container; the two contexts are the only ones these tests start.
 */
@OverHttp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class SecuredApiContract {
    static final String ORG = "X-Org";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASIC_CHALLENGE = "Basic realm=\"pat4j\", charset=\"UTF-8\"";
    private static final String BEARER_CHALLENGE = "Bearer realm=\"pat4j\"";

    @LocalServerPort
    int port;
    @Autowired
    TokenService tokens;
    @Autowired
    Pat4j pat4j;
    @Autowired
    TestApplication.Outbox outbox;
    Http http;
    IssuedToken reader;
    IssuedToken writer;

    @BeforeAll
    void start() {
        http = new Http(port);
        reader = issue("alice", "acme", Duration.ofDays(30), "code:read");
        writer = issue("bob", "acme", Duration.ofDays(30), "code:write");
    }

    IssuedToken issue(String owner, String organization, Duration lifespan, String... scopes) {
        return tokens.create(NewToken.builder(owner, "http test").organization(organization).lifespan(lifespan)
                .scopes(scopes).build(), Actor.user(owner));
    }

    static String bearer(IssuedToken token) {
        return "Bearer " + token.token();
    }

    HttpResponse<String> get(String path, IssuedToken token) {
        return http.get(path, "Authorization", bearer(token), ORG, "acme");
    }

    @Test
    void aTokenAuthenticatesAndItsScopesAreAuthoritiesWithTheirImplications() {
        HttpResponse<String> token = get("/api/token", writer);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).startsWith("bob " + writer.info().id() + " acme [")
                .contains("SCOPE_code:read", "SCOPE_code:write").doesNotContain("SCOPE_code:manage")
                .endsWith("authorization=null");

        assertThat(get("/api/whoami", writer).body()).isEqualTo("whoami bob");
        assertThat(get("/api/repos", writer).body()).as("code:write implies code:read").isEqualTo("repos of bob");
        HttpResponse<String> created = http.send("POST", "/api/repos", "", "Authorization", bearer(writer), ORG, "acme");
        assertThat(created.statusCode()).as("no CSRF token needed: the credential is a token").isEqualTo(200);
        assertThat(created.body()).isEqualTo("created by bob");

        HttpResponse<String> denied = http.send("POST", "/api/repos", "", "Authorization", bearer(reader), ORG, "acme");
        assertThat(denied.statusCode()).as("code:read lacks code:write").isEqualTo(403);
        assertThat(get("/api/repos", reader).statusCode()).isEqualTo(200);
        for (HttpResponse<String> r : List.of(token, created, denied)) {
            assertNoSession(r);
        }
        assertThat(http.get("/api/whoami", "Authorization", HostileHeaders.basic("any", writer.token()), ORG, "acme")
                .body()).as("as the Basic password").isEqualTo("whoami bob");
    }

    @Test
    void aRefusedTokenGetsOneGeneric401WithBothChallengesAndNoSession() {
        IssuedToken other = issue("erin", "globex", Duration.ofDays(1), "code:read");
        for (String header : List.of(bearer(other), "Bearer " + Fixtures.lookAlike(reader.token()),
                HostileHeaders.basic("ci", reader.token() + "x"))) {
            HttpResponse<String> r = http.get("/api/repos", "Authorization", header, ORG, "acme");
            assertThat(r.statusCode()).as(header).isEqualTo(401);
            assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(BASIC_CHALLENGE, BEARER_CHALLENGE);
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(r.body()).isEqualTo("401 Unauthorized\n");
            assertNoSession(r);
        }
        HttpResponse<String> none = http.get("/api/repos", ORG, "acme");
        assertThat(none.statusCode()).as("no credential on /api/**: pat4j's challenge").isEqualTo(401);
    }

    @Test
    void noSecretReachesTheLogAtDebug(CapturedOutput output) {
        IssuedToken revoked = issue("hal", "acme", Duration.ofDays(1), "code:read");
        tokens.revoke(revoked.info().id(), Actor.user("hal"));
        get("/api/repos", writer);
        get("/api/repos", revoked);
        http.get("/api/repos", "Authorization", HostileHeaders.basic("ci", Fixtures.lookAlike(reader.token())), ORG,
                "acme");
        http.get("/api/whoami", "Authorization", HostileHeaders.basic("carol", "carols-password"));

        assertThat(output.getAll()).contains("pat4j: 401 GET /api/repos: REVOKED (token " + revoked.info().id() + ")")
                .contains("SECRET_MISMATCH (token " + reader.info().id() + ")");
        for (IssuedToken t : List.of(writer, revoked, reader)) {
            assertThat(output.getAll()).doesNotContain(secretOf(t.token()));
        }
        assertThat(output.getAll()).doesNotContain(secretOf(Fixtures.lookAlike(reader.token())))
                .doesNotContain("carols-password");
    }

    /** The 32 secret characters of a token: after the prefix and the 12-character id. */
    private static String secretOf(String token) {
        int start = token.indexOf('_') + 1 + 12;
        return token.substring(start, start + 32);
    }

    @Test
    void revocationThroughTheTokenServiceIsRefusedOnTheNextRequest() {
        IssuedToken token = issue("gina", "acme", Duration.ofDays(1), "code:read");
        assertThat(get("/api/repos", token).statusCode()).isEqualTo(200);

        tokens.revoke(token.info().id(), Actor.administrator("security"));

        HttpResponse<String> after = get("/api/repos", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).isEqualTo("401 Unauthorized\n");
    }

    @Test
    void formLoginStillWorksOnTheSameChain() {
        HttpResponse<String> page = http.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        String cookie = sessionCookie(page).orElseThrow();

        HttpResponse<String> login = http.send("POST", "/login", "username=carol&password=carols-password&_csrf="
                + csrf.group(1), "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String session = sessionCookie(login).orElse(cookie);

        HttpResponse<String> after = http.get("/page", "Cookie", session);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("page of carol");
        assertThat(http.get("/page", "Accept", "text/html").statusCode()).as("a browser without a session")
                .isEqualTo(302);

        HttpResponse<String> tokenWithSession = http.get("/api/whoami", "Authorization", bearer(writer), ORG, "acme",
                "Cookie", session);
        assertThat(tokenWithSession.body()).as("the token decides who asks").isEqualTo("whoami bob");
        assertNoSession(tokenWithSession);
        assertThat(http.get("/page", "Cookie", session).body()).as("the session is still carol's")
                .isEqualTo("page of carol");
    }

    @Test
    void passwordBasicStillWorksOnTheSameChain() {
        assertThat(http.get("/api/whoami", "Authorization", HostileHeaders.basic("carol", "carols-password"))
                .body()).isEqualTo("whoami carol");
        assertThat(http.get("/api/whoami", "Authorization", HostileHeaders.basic("carol", "wrong")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aJwtResourceServerStillWorksOnTheSameChain() throws Exception {
        String jwt = jwt(TestApplication.JWT_KEYS.getPrivate(), "jwt-user", "code:read");
        HttpResponse<String> ok = http.get("/api/repos", "Authorization", "Bearer " + jwt);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("repos of jwt-user");
        assertNoSession(ok);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair stranger = generator.generateKeyPair();
        HttpResponse<String> forged = http.get("/api/repos", "Authorization",
                "Bearer " + jwt(stranger.getPrivate(), "jwt-user", "code:read"));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    Stream<HostileHeaders.Case> hostile() {
        IssuedToken expiring = issue("carl", "acme", Duration.ofSeconds(1), "code:read");
        IssuedToken revoked = issue("dave", "acme", Duration.ofDays(1), "code:read");
        tokens.revoke(revoked.info().id(), Actor.user("dave"));
        IssuedToken otherOrg = issue("erin", "globex", Duration.ofDays(1), "code:read");
        assertThat(Fixtures.eventually(Duration.ofSeconds(10), () -> pat4j.validator().check(bearer(expiring), "acme")
                instanceof dev.pat4j.validation.ValidationResult.Rejected r && r.reason() == RejectionReason.EXPIRED))
                .as("the one-second token has expired").isTrue();
        return HostileHeaders.matrix(new HostileHeaders.Tokens(reader.token(), revoked.token(), expiring.token(),
                otherOrg.token())).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theTestKitsHostileHeadersAreRefusedWith401OrWithControlCharacters400(HostileHeaders.Case hostile) {
        boolean control = hostile.values().stream()
                .anyMatch(v -> v.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F));
        List<String> lines = new ArrayList<>();
        hostile.values().forEach(v -> lines.add("Authorization: " + v));
        lines.add(ORG + ": acme");

        RawHttp.Reply reply = RawHttp.send(http.uri("/"), "GET", "/api/repos", lines);

        assertThat(reply.status()).as("%s: %s", hostile, reply).isEqualTo(control ? 400 : 401);
        if (claimedByPat4j(hostile.values())) {
            // the others (no credential, a password) are the chain's to answer, which may keep a session
            assertThat(reply.headers().keySet()).as(hostile.name()).noneMatch(h -> h.equalsIgnoreCase("set-cookie"));
        }
        String body = reply.body().toLowerCase(Locale.ROOT);
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(body).as(hostile.name()).doesNotContain(reason.name().toLowerCase(Locale.ROOT))
                    .doesNotContain(reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        assertThat(body).doesNotContain("repos of").doesNotContain("checksum").doesNotContain("secret");
    }

    /** Whether core's gate claims a request with these Authorization values, as the converter asks it. */
    private boolean claimedByPat4j(List<String> values) {
        return RequestGate.builder(pat4j).build().claims(new RequestView() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String rawPath() {
                return "/api/repos";
            }

            @Override
            public String path() {
                return "/api/repos";
            }

            @Override
            public List<String> headers(String name) {
                return name.equalsIgnoreCase("Authorization") ? values : List.of();
            }

            @Override
            public String remoteAddress() {
                return "127.0.0.1";
            }
        });
    }

    @Test
    void theAcceptedFormsOfTheHostileMatrixAuthenticate() {
        for (String form : HostileHeaders.acceptedForms(reader.token())) {
            RawHttp.Reply reply = RawHttp.send(http.uri("/"), "GET", "/api/repos",
                    List.of("Authorization: " + form, ORG + ": acme"));
            assertThat(reply.status()).as(form).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("repos of alice");
        }
    }

    @Test
    void healthSaysTheStoreIsReachableAndTheBreakerClosed() {
        HttpResponse<String> health = http.get("/actuator/health/pat4j");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(health.body());
        assertThat(json.path("status").asString()).isEqualTo("UP");
        assertThat(json.path("details").path("store").asString()).isEqualTo("reachable");
        assertThat(json.path("details").path("breaker").asString()).isEqualTo("closed");
        JsonNode feed = json.path("details").path("changeFeed");
        assertThat(feed.path("failing").asBoolean(true)).isFalse();
        assertThat(feed.path("position").asLong(-2)).isNotNegative();
        assertThat(feed.path("behind").isNumber()).as("head minus position: %s", feed).isTrue();
        assertThat(feed.path("secondsSinceLastRead").isNumber()).isTrue();
        assertThat(feed.path("lastReadAt").asString()).isNotEmpty();
        JsonNode notices = json.path("details").path("notices");
        assertThat(notices.path("pending").isNumber()).as("the outbox backlog: %s", notices).isTrue();
        assertThat(notices.path("failed").asLong(-1)).isZero();
    }

    @Test
    void theChangeFeedDetailFollowsAChangeAndCatchesUp() {
        IssuedToken t = issue("nora", "acme", Duration.ofDays(1), "code:read");
        tokens.revoke(t.info().id(), Actor.user("nora"));
        assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> {
            JsonNode feed = JSON.readTree(http.get("/actuator/health/pat4j").body()).path("details").path("changeFeed");
            return feed.path("behind").asLong(-1) == 0 && feed.path("position").asLong(-1) >= pat4j.store().changeHead();
        })).as("the follower reads the revocation's change").isTrue();
    }

    @Test
    void eachMeterIsPublishedAndMovesWithTheRequests() {
        JsonNode names = JSON.readTree(http.get("/actuator/metrics").body()).path("names");
        List<String> published = new ArrayList<>();
        names.forEach(n -> published.add(n.asString()));
        assertThat(published).contains(Pat4jMetrics.CHECKS, Pat4jMetrics.CACHE_LOOKUPS, Pat4jMetrics.CACHE_HIT_RATIO,
                Pat4jMetrics.CACHE_SIZE, Pat4jMetrics.STORE_CALLS, Pat4jMetrics.BREAKER_OPEN,
                Pat4jMetrics.NOTICES_PENDING, Pat4jMetrics.NOTICES_FAILED, Pat4jMetrics.CHANGE_FEED_AGE);
        assertThat(meter(Pat4jMetrics.NOTICES_FAILED, null)).as("the test's sender never fails").isZero();
        assertThat(meter(Pat4jMetrics.NOTICES_PENDING, null)).isNotNegative();
        assertThat(meter(Pat4jMetrics.CHANGE_FEED_AGE, null)).as("seconds since the feed was read").isNotNegative();

        IssuedToken fresh = issue("mia", "acme", Duration.ofDays(1), "code:read");
        // the scheduled outbox reads the token from the store to deliver its creation's notice:
        // let that read happen before the store's calls are counted
        assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> outbox.delivered().stream()
                .anyMatch(n -> n.token().id().equals(fresh.info().id())))).isTrue();
        double authenticated = meter(Pat4jMetrics.CHECKS, "outcome:authenticated");
        double badChecksum = meter(Pat4jMetrics.CHECKS, "reason:bad_checksum");
        double misses = meter(Pat4jMetrics.CACHE_LOOKUPS, "result:miss");
        double hits = meter(Pat4jMetrics.CACHE_LOOKUPS, "result:hit");
        double finds = meter(Pat4jMetrics.STORE_CALLS, "operation:find");

        assertThat(get("/api/repos", fresh).statusCode()).isEqualTo(200);
        assertThat(get("/api/repos", fresh).statusCode()).isEqualTo(200);
        String flipped = fresh.token().substring(0, fresh.token().length() - 1)
                + (fresh.token().endsWith("A") ? "B" : "A");
        assertThat(http.get("/api/repos", "Authorization", "Bearer " + flipped, ORG, "acme").statusCode())
                .isEqualTo(401);

        assertThat(meter(Pat4jMetrics.CHECKS, "outcome:authenticated")).isEqualTo(authenticated + 2);
        assertThat(meter(Pat4jMetrics.CHECKS, "reason:bad_checksum")).isEqualTo(badChecksum + 1);
        assertThat(meter(Pat4jMetrics.CACHE_LOOKUPS, "result:miss")).isEqualTo(misses + 1);
        assertThat(meter(Pat4jMetrics.CACHE_LOOKUPS, "result:hit")).isEqualTo(hits + 1);
        assertThat(meter(Pat4jMetrics.STORE_CALLS, "operation:find")).as("the miss read the store")
                .isEqualTo(finds + 1);
        assertThat(meter(Pat4jMetrics.CACHE_SIZE, null)).isGreaterThanOrEqualTo(1);
        assertThat(meter(Pat4jMetrics.CACHE_HIT_RATIO, null)).isBetween(0.0, 1.0);
        assertThat(meter(Pat4jMetrics.BREAKER_OPEN, null)).isZero();
    }

    /** The first measurement (COUNT for counters and timers, VALUE for gauges) of {@code name}. */
    double meter(String name, String tag) {
        HttpResponse<String> r = http.get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
        assertThat(r.statusCode()).as(name + " " + tag + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("measurements").get(0).path("value").asDouble();
    }

    static void assertNoSession(HttpResponse<String> r) {
        assertThat(r.headers().allValues("Set-Cookie")).as("no session: %s %s", r.request().uri(), r.statusCode())
                .isEmpty();
    }

    static Optional<String> sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst();
    }

    private static String jwt(PrivateKey key, String subject, String scope) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject(subject)
                .claim("scope", scope).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
