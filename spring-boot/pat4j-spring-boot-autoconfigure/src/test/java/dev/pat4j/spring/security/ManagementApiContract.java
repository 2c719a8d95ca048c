package dev.pat4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.testkit.Fixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * pat4j's management API mounted by {@code pat4j.web.enabled=true} at {@value #API}, behind the
 * test application's Spring Security chain, over HTTP, the same on every container: users signed
 * in by form login create, list and revoke their tokens, and the revoked token is refused at once
 * on a PAT-protected endpoint; a call without Spring's CSRF token is 403 and changes nothing;
 * a user who is no administrator gets 403 on the administrators' routes, the administrator
 * (authority {@code SCOPE_pat4j:admin}) does not, and a token holding the scope {@code pat4j:admin},
 * whose authority is that very one, is no administrator; the creation's notice reaches the
 * application's {@code NotificationSender} bean through the scheduled outbox. No response holds a
 * token it did not create.
 */
@OverHttp
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManagementApiContract {
    static final String API = "/pat4j/api";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SPRING_CSRF_HEADER = "X-CSRF-TOKEN";

    @LocalServerPort
    int port;
    @Autowired
    TokenService tokens;
    @Autowired
    TestApplication.Outbox outbox;
    Http http;
    final List<HttpResponse<String>> seen = new ArrayList<>();
    final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void start() {
        http = new Http(port);
    }

    @AfterEach
    void noResponseHoldsASecretItDidNotCreate() {
        for (HttpResponse<String> r : seen) {
            assertThat(r.body()).as("%s %s", r.request().method(), r.request().uri())
                    .doesNotContain("\tat ", "Exception");
            for (String secret : secrets) {
                if (!(r.statusCode() == 201 && r.body().contains("\"token\":\"" + secret + "\""))) {
                    assertThat(r.body()).doesNotContain(secret);
                }
            }
        }
    }

    /** A browser's session: signed in through the login form, with Spring's CSRF token from the API. */
    final class Session {
        final String cookie;
        final String csrf;

        Session(String user, String password) {
            HttpResponse<String> page = http.get("/login");
            Matcher field = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
            assertThat(field.find()).as(page.body()).isTrue();
            String anonymous = SecuredApiContract.sessionCookie(page).orElseThrow();
            HttpResponse<String> login = http.send("POST", "/login", "username=" + user + "&password=" + password
                    + "&_csrf=" + field.group(1), "Content-Type", "application/x-www-form-urlencoded", "Cookie",
                    anonymous);
            assertThat(login.statusCode()).isEqualTo(302);
            assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
            cookie = SecuredApiContract.sessionCookie(login).orElse(anonymous);
            HttpResponse<String> token = get(API + "/csrf");
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(token.body());
            assertThat(body.path("headerName").asString()).as("Spring's own header").isEqualTo(SPRING_CSRF_HEADER);
            csrf = body.path("token").asString();
        }

        HttpResponse<String> get(String path) {
            return seen(http.get(path, "Cookie", cookie));
        }

        /** A call that changes something, as the page makes it: with Spring's CSRF token. */
        HttpResponse<String> change(String method, String path, String json) {
            return seen(http.send(method, path, json, "Cookie", cookie, SPRING_CSRF_HEADER, csrf,
                    "Content-Type", "application/json"));
        }

        /** The same call without the CSRF token, as a page elsewhere would make it with the user's cookie. */
        HttpResponse<String> forged(String method, String path, String json) {
            return seen(http.send(method, path, json, "Cookie", cookie, "Content-Type", "application/json"));
        }
    }

    HttpResponse<String> seen(HttpResponse<String> r) {
        seen.add(r);
        return r;
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static String createBody(String name, String... scopes) {
        StringBuilder list = new StringBuilder();
        for (String s : scopes) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(s).append('"');
        }
        return "{\"name\":\"" + name + "\",\"scopes\":[" + list + "],\"organization\":\"acme\"}";
    }

    IssuedToken issue(String owner, String... scopes) {
        IssuedToken t = tokens.create(NewToken.builder(owner, "issued").organization("acme")
                .lifespan(Duration.ofDays(1)).scopes(scopes).build(), Actor.user(owner));
        secrets.add(t.token());
        return t;
    }

    HttpResponse<String> withToken(String method, String path, String token) {
        return seen(http.send(method, path, null, "Authorization", "Bearer " + token, SecuredApiContract.ORG, "acme"));
    }

    @Test
    void aSignedInUserCreatesListsAndRevokesAndTheRevokedTokenIsRefusedOnTheNextRequest() {
        Session carol = new Session("carol", "carols-password");
        HttpResponse<String> created = carol.change("POST", API + "/tokens", createBody("laptop", "code:read"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        String secret = body.path("token").asString();
        String id = body.path("id").asString();
        secrets.add(secret);
        assertThat(body.path("owner").asString()).as("the SecurityContext's user").isEqualTo("carol");

        HttpResponse<String> repos = withToken("GET", "/api/repos", secret);
        assertThat(repos.statusCode()).isEqualTo(200);
        assertThat(repos.body()).isEqualTo("repos of carol");

        HttpResponse<String> list = carol.get(API + "/tokens");
        assertThat(list.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(list).path("tokens").forEach(t -> ids.add(t.path("id").asString()));
        assertThat(ids).contains(id);
        assertThat(list.body()).doesNotContain(secret);

        HttpResponse<String> revoked = carol.change("DELETE", API + "/tokens/" + id, null);
        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> refused = withToken("GET", "/api/repos", secret);
        assertThat(refused.statusCode()).as("revoked through the API: refused on the next request").isEqualTo(401);
        SecuredApiContract.assertNoSession(refused);
        assertThat(tokens.get(id).orElseThrow().state()).isEqualTo(TokenState.REVOKED);

        assertThat(Fixtures.eventually(Duration.ofSeconds(20), () -> outbox.delivered().stream()
                .anyMatch(n -> n.kind().equals(NoticeKind.CREATED) && n.token().id().equals(id))))
                .as("the creation's notice, delivered by the scheduled outbox to the application's sender").isTrue();
        Notice notice = outbox.delivered().stream().filter(n -> n.token().id().equals(id)
                && n.kind().equals(NoticeKind.CREATED)).findFirst().orElseThrow();
        assertThat(notice.token().owner()).isEqualTo("carol");
        assertThat(notice.toString()).doesNotContain(secret);
    }

    @Test
    void aCallWithoutSpringsCsrfTokenIs403AndChangesNothing() {
        Session dave = new Session("dave", "daves-password");
        IssuedToken kept = issue("dave", "code:read");
        int before = tokens.listByOwner("dave").size();

        HttpResponse<String> post = dave.forged("POST", API + "/tokens", createBody("forged", "code:write"));
        assertThat(post.statusCode()).isEqualTo(403);
        HttpResponse<String> delete = dave.forged("DELETE", API + "/tokens/" + kept.info().id(), null);
        assertThat(delete.statusCode()).isEqualTo(403);
        HttpResponse<String> patch = dave.forged("PATCH", API + "/tokens/" + kept.info().id(), "{\"name\":\"x\"}");
        assertThat(patch.statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = seen(http.send("POST", API + "/tokens", createBody("forged", "code:read"),
                "Cookie", dave.cookie, SPRING_CSRF_HEADER, "not-the-token", "Content-Type", "application/json"));
        assertThat(wrong.statusCode()).isEqualTo(403);

        assertThat(tokens.listByOwner("dave")).hasSize(before);
        TokenInfo after = tokens.get(kept.info().id()).orElseThrow();
        assertThat(after.state()).isEqualTo(TokenState.ACTIVE);
        assertThat(after.name()).isEqualTo("issued");
        assertThat(dave.change("PATCH", API + "/tokens/" + kept.info().id(), "{\"name\":\"renamed\"}").statusCode())
                .as("with the token it works").isEqualTo(200);
    }

    @Test
    void whoIsNoAdministratorGets403OnTheAdministratorsRoutesAndTheAdministratorDoesNot() {
        IssuedToken erins = issue("erin", "code:read");
        Session carol = new Session("carol", "carols-password");
        HttpResponse<String> list = carol.get(API + "/admin/tokens?owner=erin");
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(json(list).path("code").asString()).isEqualTo("notAdministrator");
        HttpResponse<String> revoke = carol.change("DELETE", API + "/admin/tokens/" + erins.info().id(), null);
        assertThat(revoke.statusCode()).isEqualTo(403);
        assertThat(tokens.get(erins.info().id()).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);

        Session root = new Session("root", "roots-password");
        HttpResponse<String> asAdmin = root.get(API + "/admin/tokens?owner=erin");
        assertThat(asAdmin.statusCode()).as(asAdmin.body()).isEqualTo(200);
        assertThat(asAdmin.body()).contains(erins.info().id());
        assertThat(root.change("DELETE", API + "/admin/tokens/" + erins.info().id(), null).statusCode())
                .isEqualTo(204);
        assertThat(tokens.get(erins.info().id()).orElseThrow().state()).isEqualTo(TokenState.REVOKED);
    }

    @Test
    void aTokenHoldingTheScopeNamedLikeTheAdministratorAuthorityIsNoAdministrator() {
        IssuedToken victim = issue("erin", "code:read");
        IssuedToken roots = issue("root", "pat4j:admin", "code:read");
        HttpResponse<String> authorities = withToken("GET", "/api/token", roots.token());
        assertThat(authorities.body()).as("the token does hold that authority").contains("SCOPE_pat4j:admin");

        HttpResponse<String> list = withToken("GET", API + "/admin/tokens?owner=erin", roots.token());
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(json(list).path("code").asString()).isEqualTo("notAdministrator");
        HttpResponse<String> revokeAll = withToken("POST", API + "/admin/owners/erin/revoke-all", roots.token());
        assertThat(revokeAll.statusCode()).isEqualTo(403);
        assertThat(tokens.get(victim.info().id()).orElseThrow().state()).isEqualTo(TokenState.ACTIVE);

        HttpResponse<String> mint = withToken("GET", API + "/tokens", roots.token());
        assertThat(mint.statusCode()).isEqualTo(403);
        assertThat(json(mint).path("code").asString()).as("a token may not manage tokens")
                .isEqualTo("tokenCredentialNotAllowed");
        HttpResponse<String> self = withToken("GET", API + "/tokens/self", roots.token());
        assertThat(self.statusCode()).as("but may see itself").isEqualTo(200);
        assertThat(json(self).path("id").asString()).isEqualTo(roots.info().id());
        for (HttpResponse<String> r : List.of(list, revokeAll, mint, self)) {
            SecuredApiContract.assertNoSession(r);
        }
        assertThat(withToken("DELETE", API + "/tokens/self", roots.token()).statusCode())
                .as("and revoke itself, without a CSRF token: the credential is a token").isEqualTo(204);
        assertThat(withToken("GET", "/api/repos", roots.token()).statusCode()).isEqualTo(401);
    }

    /** The page is mounted beside the API, behind the same chain, with its strict policy, and calls the API's path. */
    @Test
    void theSelfServicePageIsServedToASignedInUserAndPointsAtTheApi() {
        Session alice = new Session("carol", "carols-password");
        HttpResponse<String> page = alice.get("/pat4j/tokens/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("data-api=\"" + API + "\"").doesNotContain("<script>");
        assertThat(alice.get("/pat4j/tokens/page.js").statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = seen(http.get("/pat4j/tokens/"));
        assertThat(anonymous.statusCode()).as("the chain asks for a sign-in").isIn(302, 401);
        assertThat(anonymous.body()).doesNotContain("data-api");
    }

    @Test
    void withoutASignInTheApiIsTheChainsToRefuse() {
        HttpResponse<String> anonymous = seen(http.get(API + "/tokens", "Accept", "application/json"));
        assertThat(anonymous.statusCode()).as("Spring's chain answers first").isIn(302, 401);
        assertThat(anonymous.body()).doesNotContain("\"tokens\"");
    }
}
