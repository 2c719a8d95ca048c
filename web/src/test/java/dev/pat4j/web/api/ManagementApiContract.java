package dev.pat4j.web.api;

import static dev.pat4j.web.api.ApiServer.CONTAINER;
import static dev.pat4j.web.api.ApiServer.MANAGE;
import static dev.pat4j.web.api.ApiServer.OPEN;
import static dev.pat4j.web.api.ApiServer.PAT;
import static dev.pat4j.web.api.ApiServer.UNGUARDED;
import static dev.pat4j.web.api.Caller.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeDefinition;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.TokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The management API's contract, run on each servlet container by a subclass: real container
 * Basic login (alice and bob, administrator root), sessions and pat4j's filter, exercised over
 * HTTP. After every test, no response and no log line holds a stack trace, and no response but
 * a creation's 201 holds a token.
 */
abstract class ManagementApiContract {
    static final Duration MAX_LIFESPAN = Duration.ofDays(90);

    /** Starts the container serving the API on {@code pat4j}. */
    abstract ApiServer start(Pat4j pat4j) throws Exception;

    /** The store the API's pat4j runs on; in memory unless a subclass proves another. */
    TokenStore newStore(MutableClock clock) {
        return new InMemoryTokenStore();
    }

    MutableClock clock;
    /** The store, which a test can take down. */
    CountingStore store;
    Pat4j pat4j;
    ApiServer server;
    LogCapture log;
    final List<HttpResponse<String>> seen = new ArrayList<>();
    /** Secrets the test saw issued; only a 201 of POST /tokens may hold one. */
    final List<String> secrets = new ArrayList<>();
    Caller alice;
    Caller bob;
    Caller root;

    @BeforeEach
    void startServer() throws Exception {
        log = new LogCapture();
        clock = new MutableClock(Fixtures.START);
        ScopeCatalog catalog = ScopeCatalog.builder()
                .scope(ScopeDefinition.of("code:read").withLabel("Read code").withGroup("Code"))
                .scope(ScopeDefinition.of("code:write").withLabel("Write code").withGroup("Code")
                        .withImplies(List.of("code:read")))
                .scope(ScopeDefinition.of(ApiServer.MANAGE_SCOPE).withLabel("Manage tokens").withHighPrivilege(true))
                .scope(ScopeDefinition.of(ApiServer.ADMIN_ROLE).withLabel("Named like the administrator role"))
                .build();
        store = new CountingStore(newStore(clock));
        pat4j = Pat4j.builder().store(store).scopes(catalog).clock(clock)
                .policy(TokenPolicy.builder().maxLifespan(MAX_LIFESPAN).maxActiveTokensPerOwner(400).build())
                .build();
        server = start(pat4j);
        alice = new Caller(server.port(), "alice", "alice-password-1", seen);
        bob = new Caller(server.port(), "bob", "bob-password-2", seen);
        root = new Caller(server.port(), "root", "root-password-3", seen);
    }

    @AfterEach
    void stopServer() {
        try {
            for (HttpResponse<String> r : seen) {
                assertThat(r.body()).as("response to %s", r.request().uri())
                        .doesNotContain("\tat ", "Exception", "java.");
                boolean created = r.statusCode() == 201;
                for (String secret : secrets) {
                    if (!created || !r.body().contains("\"token\":\"" + secret + "\"")) {
                        assertThat(r.body()).as("response to %s", r.request().uri()).doesNotContain(secret);
                    }
                }
            }
            String logged = log.text();
            assertThat(logged).doesNotContain("\tat ");
            for (String secret : secrets) {
                assertThat(logged).doesNotContain(secret);
            }
        } finally {
            log.close();
            server.close();
            pat4j.close();
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    String createBody(String name, String... scopes) {
        return "{\"name\":\"" + name + "\",\"scopes\":" + array(scopes) + ",\"organization\":\"acme\"}";
    }

    static String array(String... values) {
        StringBuilder sb = new StringBuilder("[");
        for (String v : values) {
            sb.append(sb.length() > 1 ? "," : "").append('"').append(v).append('"');
        }
        return sb.append(']').toString();
    }

    /** Creates a token through the API and remembers its secret. */
    JsonNode create(Caller caller, String name, String... scopes) {
        HttpResponse<String> r = caller.post(MANAGE + "/tokens", createBody(name, scopes));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = json(r);
        secrets.add(body.get("token").asString());
        return body;
    }

    IssuedToken issue(String owner, String name, String... scopes) {
        IssuedToken t = pat4j.tokens().create(NewToken.builder(owner, name).organization("acme")
                .lifespan(Duration.ofDays(10)).scopes(scopes).build(), Actor.user(owner));
        secrets.add(t.token());
        return t;
    }

    /** A token for all organizations: the filter in front of {@value ApiServer#PAT} names no organization. */
    IssuedToken issueForScripts(String owner, String name, String... scopes) {
        IssuedToken t = pat4j.tokens().create(NewToken.builder(owner, name).allOrganizations()
                .lifespan(Duration.ofDays(10)).scopes(scopes).build(), Actor.user(owner));
        secrets.add(t.token());
        return t;
    }

    static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = json(r);
        assertThat(body.get("code").asString()).as(r.body()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asString()).isEqualTo("urn:pat4j:problem:" + code);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
    }

    List<TokenInfo> tokensOf(String owner) {
        return pat4j.tokens().listByOwner(owner);
    }

    // ---- the lifecycle ------------------------------------------------------------------

    @Test
    void aUserCreatesReadsListsChangesAndRevokesATokenAndTheSecretIsShownOnce() {
        alice.withCsrf();
        HttpResponse<String> created = alice.post(MANAGE + "/tokens", createBody("laptop", "code:read"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode token = json(created);
        String secret = token.get("token").asString();
        secrets.add(secret);
        String id = token.get("id").asString();
        assertThat(pat4j.format().isWellFormed(secret)).isTrue();
        assertThat(pat4j.format().idOf(secret)).isEqualTo(id);
        assertThat(token.get("name").asString()).isEqualTo("laptop");
        assertThat(token.get("owner").asString()).isEqualTo("alice");
        assertThat(token.get("createdBy").asString()).isEqualTo("alice");
        assertThat(token.get("organization").asString()).isEqualTo("acme");
        assertThat(token.get("status").asString()).isEqualTo("active");
        assertThat(token.get("scopes").toString()).isEqualTo("[\"code:read\"]");
        assertThat(token.get("tokenHint").asString()).startsWith("pat_" + id.substring(0, 4));
        assertThat(Instant.parse(token.get("expiresAt").asString()))
                .as("the default lifespan: 30 days").isEqualTo(Fixtures.START.plus(Duration.ofDays(30)));
        assertThat(pat4j.validator().check(Fixtures.bearer(secret), "acme").authenticated()).isTrue();

        HttpResponse<String> read = alice.get(MANAGE + "/tokens/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).has("token")).as("no secret after creation").isFalse();
        assertThat(json(alice.get(MANAGE + "/tokens")).get("tokens").findValuesAsString("id")).containsExactly(id);

        String expiry = Fixtures.START.plus(Duration.ofDays(60)).toString();
        HttpResponse<String> patched = alice.patch(MANAGE + "/tokens/" + id,
                "{\"name\":\"build agent\",\"scopes\":[\"code:write\"],\"expiresAt\":\"" + expiry + "\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).get("name").asString()).isEqualTo("build agent");
        assertThat(json(patched).get("scopes").toString()).isEqualTo("[\"code:write\"]");
        assertThat(json(patched).get("expiresAt").asString()).isEqualTo(expiry);
        TokenInfo stored = pat4j.tokens().get(id).orElseThrow();
        assertThat(stored.name()).isEqualTo("build agent");
        assertThat(stored.expiresAt()).isEqualTo(Instant.parse(expiry));

        HttpResponse<String> renamedOnly = alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"ci\"}");
        assertThat(json(renamedOnly).get("expiresAt").asString()).as("omitted: unchanged").isEqualTo(expiry);

        HttpResponse<String> revoked = alice.delete(MANAGE + "/tokens/" + id);
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(json(alice.get(MANAGE + "/tokens/" + id)).get("status").asString()).isEqualTo("revoked");
        assertThat(json(alice.get(MANAGE + "/tokens/" + id)).get("revokedAt").asString())
                .isEqualTo(Fixtures.START.toString());
        assertThat(pat4j.validator().check(Fixtures.bearer(secret), "acme").authenticated()).isFalse();

        assertProblem(alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"again\"}"), 409, "tokenRevoked");
        assertThat(pat4j.tokens().get(id).orElseThrow().name()).isEqualTo("ci");
        assertThat(alice.delete(MANAGE + "/tokens/" + id).statusCode()).as("revoking twice is fine").isEqualTo(204);
    }

    @Test
    void anExpiredTokenCanBeRenamedButNotExtended() {
        alice.withCsrf();
        String id = create(alice, "short", "code:read").get("id").asString();
        clock.advance(Duration.ofDays(31));
        assertThat(json(alice.get(MANAGE + "/tokens/" + id)).get("status").asString()).isEqualTo("expired");
        assertProblem(alice.patch(MANAGE + "/tokens/" + id,
                "{\"expiresAt\":\"" + clock.instant().plus(Duration.ofDays(1)) + "\"}"), 409, "tokenExpired");
        assertThat(alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"old\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aLifespanBeyondThePolicyIsRefusedWithTheLimitAndNothingIsClamped() {
        alice.withCsrf();
        Instant tooLate = Fixtures.START.plus(MAX_LIFESPAN).plus(Duration.ofDays(1));
        HttpResponse<String> r = alice.post(MANAGE + "/tokens", "{\"name\":\"long\",\"scopes\":[\"code:read\"],"
                + "\"organization\":\"acme\",\"expiresAt\":\"" + tooLate + "\"}");
        assertProblem(r, 400, "patLifespanPolicyViolation");
        assertThat(json(r).get("maxLifespan").asString()).isEqualTo(MAX_LIFESPAN.toString());
        assertThat(json(r).get("maxLifespanSeconds").asLong()).isEqualTo(MAX_LIFESPAN.toSeconds());
        assertThat(json(r).get("latestExpiresAt").asString()).isEqualTo(Fixtures.START.plus(MAX_LIFESPAN).toString());
        assertThat(tokensOf("alice")).isEmpty();

        String id = create(alice, "short", "code:read").get("id").asString();
        assertProblem(alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"renamed\",\"expiresAt\":\"" + tooLate
                + "\"}"), 400, "patLifespanPolicyViolation");
        assertThat(pat4j.tokens().get(id).orElseThrow().name()).as("nothing of the PATCH was made").isEqualTo("short");

        assertProblem(alice.post(MANAGE + "/tokens", createBody("all", "*")), 400, "fullScopePatPolicyViolation");
        assertThat(tokensOf("alice")).hasSize(1);
    }

    @Test
    void scopesOrganizationsAndPolicyDescribeWhatAFormMayOffer() {
        JsonNode scopes = json(alice.get(MANAGE + "/scopes")).get("scopes");
        assertThat(scopes.findValuesAsString("name")).contains("code:read", "code:write", ApiServer.MANAGE_SCOPE);
        JsonNode write = null;
        for (JsonNode s : scopes) {
            if (s.get("name").asString().equals("code:write")) {
                write = s;
            }
        }
        assertThat(write).isNotNull();
        assertThat(write.get("label").asString()).isEqualTo("Write code");
        assertThat(write.get("group").asString()).isEqualTo("Code");
        assertThat(write.get("implies").toString()).isEqualTo("[\"code:read\"]");

        JsonNode policy = json(alice.get(MANAGE + "/policy"));
        assertThat(policy.get("maxLifespanSeconds").asLong()).isEqualTo(MAX_LIFESPAN.toSeconds());
        assertThat(policy.get("defaultLifespanSeconds").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(policy.get("allowFullAccess").asBoolean()).isFalse();
        assertThat(policy.get("allowAllOrganizations").asBoolean()).isTrue();

        JsonNode orgs = json(alice.get(MANAGE + "/organizations"));
        assertThat(orgs.get("anyOrganization").asBoolean()).isTrue();
        assertThat(orgs.get("allOrganizationsTokenAllowed").asBoolean()).isTrue();
    }

    // ---- isolation and administrators ---------------------------------------------------

    @Test
    void oneUserCannotSeeChangeOrRevokeAnothersTokenAndGetsTheSame404AsForAMissingOne() {
        IssuedToken bobs = issue("bob", "bob's", "code:read");
        String id = bobs.info().id();
        alice.withCsrf();
        String missing = "AAAAAAAAAAAA";

        HttpResponse<String> other = alice.get(MANAGE + "/tokens/" + id);
        HttpResponse<String> none = alice.get(MANAGE + "/tokens/" + missing);
        assertProblem(other, 404, "tokenNotFound");
        assertProblem(none, 404, "tokenNotFound");
        assertThat(json(other).get("detail")).isEqualTo(json(none).get("detail"));
        assertProblem(alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"mine\"}"), 404, "tokenNotFound");
        assertProblem(alice.delete(MANAGE + "/tokens/" + id), 404, "tokenNotFound");
        assertThat(json(alice.get(MANAGE + "/tokens")).get("tokens").isEmpty()).isTrue();
        assertThat(pat4j.tokens().get(id)).contains(bobs.info());
        assertThat(pat4j.tokens().get(id).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);
    }

    @Test
    void administratorsRoutesRefuseUsersAndServeAdministrators() {
        IssuedToken one = issue("bob", "one", "code:read");
        issue("bob", "two", "code:read");
        issue("bob", "three", "code:read");
        alice.withCsrf();
        assertProblem(alice.get(MANAGE + "/admin/tokens?owner=bob"), 403, "notAdministrator");
        assertProblem(alice.delete(MANAGE + "/admin/tokens/" + one.info().id()), 403, "notAdministrator");
        assertProblem(alice.post(MANAGE + "/admin/owners/bob/revoke-all", null), 403, "notAdministrator");
        assertThat(tokensOf("bob")).allMatch(t -> t.state() == TokenState.ACTIVE);

        root.withCsrf();
        JsonNode listed = json(root.get(MANAGE + "/admin/tokens?owner=bob&sort=name"));
        assertThat(listed.get("tokens").findValuesAsString("name")).containsExactly("one", "three", "two");
        assertThat(root.delete(MANAGE + "/admin/tokens/" + one.info().id()).statusCode()).isEqualTo(204);
        assertThat(pat4j.tokens().get(one.info().id()).orElseThrow().revokedBy()).isEqualTo("root");
        assertProblem(root.delete(MANAGE + "/admin/tokens/AAAAAAAAAAAA"), 404, "tokenNotFound");
        assertProblem(root.get(MANAGE + "/admin/tokens"), 400, "invalidParameter");

        HttpResponse<String> all = root.post(MANAGE + "/admin/owners/bob/revoke-all", null);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(json(all).get("revoked").asInt()).isEqualTo(2);
        assertThat(tokensOf("bob")).allMatch(t -> t.state() == TokenState.REVOKED);
    }

    @Test
    void pagingOver250TokensReturnsEachExactlyOnceInOrder() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            ids.add(issue("alice", "token " + i, "code:read").info().id());
            clock.advance(Duration.ofMillis(1));
        }
        issue("bob", "not alice's", "code:read");
        for (int limit : new int[] {100, 7}) {
            List<String> seenIds = new ArrayList<>();
            List<Instant> created = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                HttpResponse<String> r = alice.get(MANAGE + "/tokens?limit=" + limit
                        + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                        java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode page = json(r);
                assertThat(page.get("tokens").size()).isLessThanOrEqualTo(limit);
                for (JsonNode t : page.get("tokens")) {
                    seenIds.add(t.get("id").asString());
                    created.add(Instant.parse(t.get("createdAt").asString()));
                }
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
                pages++;
            } while (cursor != null && pages < 100);
            assertThat(seenIds).hasSize(250).doesNotHaveDuplicates();
            assertThat(new HashSet<>(seenIds)).isEqualTo(ids);
            assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(pages).isEqualTo((250 + limit - 1) / limit);
        }
        JsonNode first = json(alice.get(MANAGE + "/tokens?limit=5"));
        String cursor = first.get("nextCursor").asString();
        root.withCsrf();
        assertProblem(root.get(MANAGE + "/admin/tokens?owner=bob&limit=5&cursor=" + cursor), 400, "invalidCursor");
        assertProblem(alice.get(MANAGE + "/tokens?limit=5&status=revoked&cursor=" + cursor), 400, "invalidCursor");
        JsonNode revoked = json(alice.get(MANAGE + "/tokens?status=revoked"));
        assertThat(revoked.get("tokens").isEmpty()).isTrue();
        JsonNode search = json(alice.get(MANAGE + "/tokens?search=TOKEN%2024&limit=100"));
        assertThat(search.get("tokens").findValuesAsString("name")).containsExactlyInAnyOrder("token 24", "token 240",
                "token 241", "token 242", "token 243", "token 244", "token 245", "token 246", "token 247",
                "token 248", "token 249");
    }

    // ---- CSRF ---------------------------------------------------------------------------

    @Test
    void deferringToTheContainersCsrfProtectionTheApiAsksNoTokenOfItsOwn() {
        String body = createBody("deferred", "code:read");
        HttpResponse<String> csrf = alice.get(CONTAINER + "/csrf");
        assertThat(csrf.statusCode()).isEqualTo(200);
        assertThat(json(csrf).get("token").asString()).as("the container's token").isEqualTo(
                ApiServer.CONTAINER_CSRF_TOKEN);
        assertThat(json(csrf).get("headerName").asString()).isEqualTo(ContainerCsrfFilter.HEADER);
        assertThat(csrf.headers().allValues("Set-Cookie")).as("no session of the API's own").isEmpty();

        HttpResponse<String> refusedByContainer = alice.send(alice.bare("POST", CONTAINER + "/tokens", body)
                .header("Content-Type", "application/json").header("Origin", alice.origin()));
        assertThat(refusedByContainer.statusCode()).as("the container's filter refuses it").isEqualTo(403);
        assertThat(tokensOf("alice")).isEmpty();

        HttpResponse<String> crossSite = alice.send(alice.bare("POST", CONTAINER + "/tokens", body)
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .header(ContainerCsrfFilter.HEADER, ApiServer.CONTAINER_CSRF_TOKEN));
        assertProblem(crossSite, 403, "crossSiteRequest");
        assertThat(tokensOf("alice")).as("still refused from another site").isEmpty();

        HttpResponse<String> created = alice.send(alice.bare("POST", CONTAINER + "/tokens", body)
                .header("Content-Type", "application/json")
                .header(ContainerCsrfFilter.HEADER, ApiServer.CONTAINER_CSRF_TOKEN));
        assertThat(created.statusCode()).as("neither X-CSRF-Token nor Origin: the container's check is enough: %s",
                created.body()).isEqualTo(201);
        secrets.add(json(created).get("token").asString());
        String id = json(created).get("id").asString();
        HttpResponse<String> revoked = alice.send(alice.bare("DELETE", CONTAINER + "/tokens/" + id, null)
                .header(ContainerCsrfFilter.HEADER, ApiServer.CONTAINER_CSRF_TOKEN));
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(pat4j.tokens().get(id).orElseThrow().state()).isEqualTo(TokenState.REVOKED);
    }

    @Test
    void deferringWhereNoContainerProtectionRunsRefusesEverySessionCallThatChangesSomething() {
        assertProblem(alice.get(UNGUARDED + "/csrf"), 404, "routeNotFound");
        String id = issue("alice", "keep", "code:read").info().id();
        assertProblem(alice.post(UNGUARDED + "/tokens", createBody("unguarded", "code:read")), 403,
                "csrfTokenInvalid");
        assertProblem(alice.send(alice.bare("DELETE", UNGUARDED + "/tokens/" + id, null)
                .header(ContainerCsrfFilter.HEADER, ApiServer.CONTAINER_CSRF_TOKEN)), 403, "csrfTokenInvalid");
        assertThat(tokensOf("alice")).hasSize(1);
        assertThat(pat4j.tokens().get(id).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);
        assertThat(alice.get(UNGUARDED + "/tokens").statusCode()).as("reading needs no CSRF token").isEqualTo(200);
    }

    @Test
    void stateChangingSessionCallsNeedTheSessionsTokenAndTheSameOrigin() {
        alice.withCsrf();
        String good = alice.csrfToken();
        String body = createBody("csrf", "code:read");
        String evil = "https://evil.example";
        record Case(String name, String origin, String fetchSite, String csrf, String code) {
        }
        List<Case> cases = List.of(
                new Case("no CSRF token", alice.origin(), "same-origin", null, "csrfTokenInvalid"),
                new Case("a wrong CSRF token", alice.origin(), "same-origin", good.substring(1) + "x",
                        "csrfTokenInvalid"),
                new Case("an empty CSRF token", alice.origin(), "same-origin", "", "csrfTokenInvalid"),
                new Case("neither Origin nor Sec-Fetch-Site", null, null, good, "originRequired"),
                new Case("another Origin", evil, null, good, "crossSiteRequest"),
                new Case("Origin null", "null", null, good, "crossSiteRequest"),
                new Case("another port", "http://127.0.0.1:1", null, good, "crossSiteRequest"),
                new Case("Sec-Fetch-Site cross-site", null, "cross-site", good, "crossSiteRequest"),
                new Case("Sec-Fetch-Site same-site", null, "same-site", good, "crossSiteRequest"),
                new Case("Sec-Fetch-Site none", null, "none", good, "crossSiteRequest"),
                new Case("same Origin, cross-site fetch", alice.origin(), "cross-site", good, "crossSiteRequest"));
        for (Case c : cases) {
            HttpRequest.Builder r = alice.bare("POST", MANAGE + "/tokens", body).header("Content-Type",
                    "application/json");
            if (c.origin() != null) {
                r.header("Origin", c.origin());
            }
            if (c.fetchSite() != null) {
                r.header("Sec-Fetch-Site", c.fetchSite());
            }
            if (c.csrf() != null) {
                r.header("X-CSRF-Token", c.csrf());
            }
            HttpResponse<String> answer = alice.send(r);
            assertThat(answer.statusCode()).as(c.name()).isEqualTo(403);
            assertThat(json(answer).get("code").asString()).as(c.name()).isEqualTo(c.code());
        }
        assertThat(tokensOf("alice")).as("no refused call created anything").isEmpty();

        // the classic attack: a page elsewhere posts a form, the browser adds the victim's cookie and login
        HttpResponse<String> form = alice.send(alice.bare("POST", MANAGE + "/tokens",
                        "name=pwned&scopes=code:write")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", evil).header("Sec-Fetch-Site", "cross-site"));
        assertProblem(form, 403, "crossSiteRequest");
        root.withCsrf();
        IssuedToken bobs = issue("bob", "victim", "code:read");
        HttpResponse<String> adminForm = root.send(root.bare("POST", MANAGE + "/admin/owners/bob/revoke-all", "")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", evil));
        assertProblem(adminForm, 403, "crossSiteRequest");
        assertThat(pat4j.tokens().get(bobs.info().id()).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);

        // bob's CSRF token is no good in alice's session, nor alice's without her session
        bob.withCsrf();
        HttpResponse<String> swapped = alice.send(alice.bare("POST", MANAGE + "/tokens", body)
                .header("Content-Type", "application/json").header("Origin", alice.origin())
                .header("X-CSRF-Token", bob.csrfToken()));
        assertProblem(swapped, 403, "csrfTokenInvalid");
        Caller sessionless = new Caller(server.port(), "alice", "alice-password-1", seen);
        HttpResponse<String> noSession = sessionless.send(sessionless.bare("POST", MANAGE + "/tokens", body)
                .header("Content-Type", "application/json").header("Origin", alice.origin())
                .header("X-CSRF-Token", good));
        assertProblem(noSession, 403, "csrfTokenInvalid");

        String id = issue("alice", "keep", "code:read").info().id();
        assertProblem(alice.send(alice.bare("DELETE", MANAGE + "/tokens/" + id, null).header("Origin",
                alice.origin())), 403, "csrfTokenInvalid");
        assertProblem(alice.send(alice.bare("PATCH", MANAGE + "/tokens/" + id, "{\"name\":\"x\"}")
                .header("Content-Type", "application/json").header("Origin", alice.origin())), 403,
                "csrfTokenInvalid");
        assertThat(pat4j.tokens().get(id).orElseThrow().name()).isEqualTo("keep");
        assertThat(pat4j.tokens().get(id).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);

        assertThat(alice.post(MANAGE + "/tokens", body).statusCode()).as("with both, it works").isEqualTo(201);
        assertThat(tokensOf("alice")).hasSize(2);
        assertThat(alice.get(MANAGE + "/tokens").statusCode()).as("reading needs no CSRF token").isEqualTo(200);
    }

    // ---- bad input ------------------------------------------------------------------------

    @Test
    void badBodiesGetAProblemAndChangeNothing() {
        alice.withCsrf();
        record Case(String name, String contentType, String body, int status, String code) {
        }
        String deep = "[".repeat(2000) + "]".repeat(2000);
        List<Case> cases = List.of(
                new Case("malformed JSON", "application/json", "{\"name\":", 400, "invalidJson"),
                new Case("not an object", "application/json", "[1,2]", 400, "invalidJson"),
                new Case("deeply nested", "application/json", "{\"name\":\"x\",\"scopes\":" + deep + "}", 400,
                        "invalidJson"),
                new Case("a duplicate key", "application/json",
                        "{\"name\":\"a\",\"name\":\"b\",\"scopes\":[\"code:read\"]}", 400, "invalidJson"),
                new Case("trailing content", "application/json", createBody("t", "code:read") + "{}", 400,
                        "invalidJson"),
                new Case("an empty body", "application/json", "", 400, "invalidJson"),
                new Case("the wrong type", "application/json", "{\"name\":\"x\",\"scopes\":\"code:read\"}", 400,
                        "invalidJson"),
                new Case("text/plain", "text/plain", createBody("t", "code:read"), 415, "unsupportedMediaType"),
                new Case("a form", "application/x-www-form-urlencoded", "name=x", 415, "unsupportedMediaType"),
                new Case("another charset", "application/json; charset=iso-8859-1", createBody("t", "code:read"),
                        415, "unsupportedMediaType"),
                new Case("over 16 KiB", "application/json", "{\"name\":\"" + "x".repeat(17 * 1024) + "\"}", 413,
                        "requestTooLarge"),
                new Case("a control character in the name", "application/json",
                        createBody("bell\\u0007", "code:read"), 400, "invalidName"),
                new Case("a bidi override in the name", "application/json",
                        createBody("txt.\\u202Eexe", "code:read"), 400, "invalidName"),
                new Case("a blank name", "application/json", createBody("  ", "code:read"), 400, "invalidName"),
                new Case("no name", "application/json", "{\"scopes\":[\"code:read\"]}", 400, "invalidName"),
                new Case("no scopes", "application/json", "{\"name\":\"x\",\"scopes\":[]}", 400, "invalidScope"),
                new Case("an unknown scope", "application/json", createBody("x", "code:delete"), 400,
                        "invalidScope"),
                new Case("a bad expiry", "application/json",
                        "{\"name\":\"x\",\"scopes\":[\"code:read\"],\"expiresAt\":\"tomorrow\"}", 400,
                        "invalidExpiry"),
                new Case("an expiry in the past", "application/json",
                        "{\"name\":\"x\",\"scopes\":[\"code:read\"],\"expiresAt\":\"2000-01-01T00:00:00Z\"}", 400,
                        "invalidExpiry"));
        for (Case c : cases) {
            HttpResponse<String> r = alice.send(alice.request("POST", MANAGE + "/tokens", c.body())
                    .setHeader("Content-Type", c.contentType()));
            assertThat(r.statusCode()).as(c.name() + ": " + r.body()).isEqualTo(c.status());
            assertProblem(r, c.status(), c.code());
        }
        HttpResponse<String> unknown = alice.post(MANAGE + "/tokens",
                "{\"name\":\"x\",\"scopes\":[\"code:read\"],\"owner\":\"bob\"}");
        assertProblem(unknown, 400, "unknownField");
        assertThat(json(unknown).get("field").asString()).isEqualTo("owner");
        HttpResponse<String> unknownScope = alice.post(MANAGE + "/tokens", createBody("x", "code:delete"));
        assertThat(json(unknownScope).get("scope").asString()).isEqualTo("code:delete");
        assertThat(tokensOf("alice")).as("nothing was created").isEmpty();
        assertThat(tokensOf("bob")).isEmpty();

        String id = create(alice, "keep", "code:read").get("id").asString();
        assertProblem(alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"ok\",\"colour\":\"red\"}"), 400,
                "unknownField");
        assertProblem(alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"ok\",\"scopes\":[\"nope\"]}"), 400,
                "invalidScope");
        assertProblem(alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"a\\u202Eb\"}"), 400, "invalidName");
        assertThat(pat4j.tokens().get(id).orElseThrow().name()).isEqualTo("keep");
        assertThat(pat4j.tokens().get(id).orElseThrow().scopes().minimal()).containsExactly("code:read");
    }

    @Test
    void badQueriesAndIdsGetAProblemAndAWholeTokenIsNeverEchoed() {
        IssuedToken mine = issue("alice", "mine", "code:read");
        for (String query : List.of("limit=0", "limit=101", "limit=99999999999999999999", "limit=ten", "limit=-1",
                "status=deleted", "sort=random", "limit=5&limit=6", "search=%07", "search=a%E2%80%AEb")) {
            assertProblem(alice.get(MANAGE + "/tokens?" + query), 400, "invalidParameter");
        }
        assertProblem(alice.get(MANAGE + "/tokens?colour=red"), 400, "unknownParameter");
        for (String cursor : List.of("x", "AAAA", "%00%01", "e30", "a".repeat(2000))) {
            assertProblem(alice.get(MANAGE + "/tokens?cursor=" + cursor), 400, "invalidCursor");
        }

        alice.withCsrf();
        String whole = mine.token();
        for (HttpResponse<String> r : List.of(alice.get(MANAGE + "/tokens/" + whole),
                alice.patch(MANAGE + "/tokens/" + whole, "{\"name\":\"x\"}"),
                alice.delete(MANAGE + "/tokens/" + whole))) {
            assertProblem(r, 404, "tokenNotFound");
            assertThat(r.body()).doesNotContain(whole).doesNotContain(whole.substring(4, 20));
        }
        assertThat(log.text()).doesNotContain(whole);
        assertThat(pat4j.tokens().get(mine.info().id()).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);
        assertProblem(alice.get(MANAGE + "/nothing-here"), 404, "routeNotFound");
        HttpResponse<String> put = alice.send(alice.request("PUT", MANAGE + "/tokens", "{}"));
        assertProblem(put, 405, "methodNotAllowed");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    // ---- tokens as credentials ----------------------------------------------------------

    @Test
    void aTokenCanIntrospectAndRevokeItselfButNotManageTokens() {
        IssuedToken t = issueForScripts("alice", "script", "code:read");
        Caller script = new Caller(server.port(), Fixtures.bearer(t.token()), seen);
        HttpResponse<String> self = script.get(PAT + "/tokens/self");
        assertThat(self.statusCode()).as(self.body()).isEqualTo(200);
        assertThat(json(self).get("id").asString()).isEqualTo(t.info().id());
        assertProblem(script.get(PAT + "/tokens"), 403, "tokenCredentialNotAllowed");
        assertProblem(script.post(PAT + "/tokens", createBody("minted", "code:read")), 403,
                "tokenCredentialNotAllowed");
        assertThat(tokensOf("alice")).hasSize(1);

        assertThat(script.delete(PAT + "/tokens/self").statusCode()).isEqualTo(204);
        assertThat(pat4j.tokens().get(t.info().id()).orElseThrow().state()).isEqualTo(TokenState.REVOKED);
        assertThat(script.get(PAT + "/tokens/self").statusCode()).as("the filter refuses it now").isEqualTo(401);
        assertProblem(alice.get(MANAGE + "/tokens/self"), 404, "tokenNotFound");
    }

    @Test
    void aTokenWithTheManagementScopeManagesItsOwnersTokensButIsNeverAnAdministrator() {
        IssuedToken manager = issueForScripts("alice", "manager", ApiServer.MANAGE_SCOPE, ApiServer.ADMIN_ROLE);
        IssuedToken bobs = issue("bob", "bob's", "code:read");
        Caller script = new Caller(server.port(), Fixtures.bearer(manager.token()), seen);

        HttpResponse<String> created = script.post(PAT + "/tokens", createBody("from a script", "code:read"));
        assertThat(created.statusCode()).as("no CSRF token for a bearer token").isEqualTo(201);
        secrets.add(json(created).get("token").asString());
        assertThat(json(script.get(PAT + "/tokens")).get("tokens").size()).isEqualTo(2);

        assertProblem(script.get(PAT + "/admin/tokens?owner=bob"), 403, "notAdministrator");
        assertProblem(script.delete(PAT + "/admin/tokens/" + bobs.info().id()), 403, "notAdministrator");
        assertProblem(script.post(PAT + "/admin/owners/bob/revoke-all", null), 403, "notAdministrator");
        assertProblem(script.get(PAT + "/tokens/" + bobs.info().id()), 404, "tokenNotFound");
        assertThat(pat4j.tokens().get(bobs.info().id()).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);

        HttpResponse<String> crossSite = script.send(script.bare("POST", PAT + "/tokens",
                createBody("x", "code:read")).header("Content-Type", "application/json")
                .header("Origin", "https://evil.example"));
        assertProblem(crossSite, 403, "crossSiteRequest");
        assertThat(tokensOf("alice")).hasSize(2);
    }

    @Test
    void meNamesTheSignedInUserAndWhetherTheyAreAnAdministratorButNeverATokensOwnerAsOne() {
        JsonNode me = json(alice.get(MANAGE + "/me"));
        assertThat(me.get("name").asString()).isEqualTo("alice");
        assertThat(me.get("administrator").asBoolean()).isFalse();
        JsonNode admin = json(root.get(MANAGE + "/me"));
        assertThat(admin.get("name").asString()).isEqualTo("root");
        assertThat(admin.get("administrator").asBoolean()).isTrue();

        IssuedToken manager = issueForScripts("root", "manager", ApiServer.MANAGE_SCOPE, ApiServer.ADMIN_ROLE);
        JsonNode viaToken = json(new Caller(server.port(), Fixtures.bearer(manager.token()), seen).get(PAT + "/me"));
        assertThat(viaToken.get("name").asString()).isEqualTo("root");
        assertThat(viaToken.get("administrator").asBoolean()).as("a token never makes an administrator").isFalse();
        IssuedToken plain = issueForScripts("root", "plain", "code:read");
        assertProblem(new Caller(server.port(), Fixtures.bearer(plain.token()), seen).get(PAT + "/me"), 403,
                "tokenCredentialNotAllowed");
        assertProblem(new Caller(server.port(), (String) null, seen).get(OPEN + "/me"), 401, "notAuthenticated");
    }

    /** A store outage is a 503 problem with Retry-After (the breaker's wait once it opens), and changes nothing. */
    @Test
    void aStoreOutageIs503WithRetryAfterAndChangesNothing() {
        alice.withCsrf();
        String id = create(alice, "before the outage", "code:read").get("id").asString();
        store.setDown(true);
        for (int i = 0; i < 6; i++) { // past the breaker's five failures: then it answers without the store
            HttpResponse<String> r = i % 2 == 0 ? alice.get(MANAGE + "/tokens")
                    : alice.post(MANAGE + "/tokens", createBody("during the outage", "code:read"));
            assertProblem(r, 503, "storeUnavailable");
            assertThat(r.headers().firstValue("Retry-After")).as("attempt %d", i).hasValueSatisfying(v ->
                    assertThat(Integer.parseInt(v)).isBetween(1, 5));
        }
        assertProblem(alice.delete(MANAGE + "/tokens/" + id), 503, "storeUnavailable");

        store.setDown(false);
        clock.advance(Duration.ofSeconds(6)); // the breaker's cool-down: the next call probes
        HttpResponse<String> after = alice.get(MANAGE + "/tokens");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("tokens").findValuesAsString("name")).containsExactly("before the outage");
        assertThat(pat4j.tokens().get(id).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);
    }

    @Test
    void withoutASignedInUserTheAnswerIs401() {
        Caller anonymous = new Caller(server.port(), (String) null, seen);
        assertProblem(anonymous.get(OPEN + "/tokens"), 401, "notAuthenticated");
        assertProblem(anonymous.get(OPEN + "/csrf"), 401, "notAuthenticated");
        assertThat(anonymous.get(OPEN + "/openapi.json").statusCode()).as("the description is public")
                .isEqualTo(200);
        assertThat(anonymous.get(MANAGE + "/tokens").statusCode()).as("the container's login").isEqualTo(401);
    }
}
