package dev.pat4j.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.HostileHeaders;
import dev.pat4j.testkit.http.RawHttp;
import dev.pat4j.testkit.http.RawHttp.Reply;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What only a Jakarta REST application sees, over real HTTP on 127.0.0.1: the
 * {@code SecurityContext}, {@code @RequiresScope} on classes, interfaces and sub-resources,
 * {@code @RolesAllowed} through the container, {@code @PermitAll}, path-parameter organizations
 * and the log. The answers every adapter shares are the testkit's conformance table, run by
 * {@link JerseyConformanceTest} and {@link RestEasyConformanceTest}. Each subclass starts the
 * same applications on one implementation (Jersey, RESTEasy); everything here must hold on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Pat4jFeatureContract {
    static final String REALM = "pat4j-test";
    static final String BASIC_CHALLENGE = "Basic realm=\"pat4j-test\", charset=\"UTF-8\"";
    static final String BEARER_CHALLENGE = "Bearer realm=\"pat4j-test\"";
    private static final Instant START = Instant.parse("2030-01-07T09:00:00Z");

    /** A started application; {@code base()} is {@code http://127.0.0.1:<port>/rest}. */
    interface Server extends AutoCloseable {
        URI base();

        @Override
        void close();
    }

    /**
     * Starts {@code application} under {@code /rest} on 127.0.0.1, port 0, with the container's
     * own {@code @RolesAllowed} support switched on.
     */
    protected abstract Server start(Application application) throws Exception;

    private final MutableClock clock = new MutableClock(START);
    private final List<IssuedToken> issued = new ArrayList<>();
    private CountingStore store;
    private Pat4j pat4j;
    private Server server;
    private Server openServer;
    private IssuedToken read;
    private IssuedToken manage;
    private IssuedToken full;
    private IssuedToken globex;
    private IssuedToken revoked;
    private IssuedToken expired;

    @BeforeAll
    void startServers() throws Exception {
        store = new CountingStore(new InMemoryTokenStore());
        pat4j = Pat4j.builder()
                .scopes(AzureDevOpsScopes.catalog())
                .store(store)
                .clock(clock)
                .policy(TokenPolicy.builder().allowFullAccess(true).build())
                .build();
        expired = issue("carol", "acme", Duration.ofHours(1), "code:read");
        clock.advance(Duration.ofHours(2));
        read = issue("alice", "acme", Duration.ofDays(30), "code:read");
        manage = issue("bob", "acme", Duration.ofDays(30), "code:manage");
        full = issue("root", null, Duration.ofDays(30), "*");
        globex = issue("erin", "globex", Duration.ofDays(30), "code:read");
        revoked = issue("dave", "acme", Duration.ofDays(30), "code:read");
        pat4j.tokens().revoke(revoked.info().id(), Actor.user("dave"));

        server = start(TestResources.main(Pat4jFeature.builder(pat4j)
                .realm(REALM)
                .organization(OrganizationResolver.header("X-Org"))
                .build()));
        openServer = start(TestResources.openByDefault(Pat4jFeature.builder(pat4j)
                .realm(REALM)
                .organization(OrganizationResolver.pathParam("org"))
                .requireAuthentication(false)
                .build()));
    }

    @AfterAll
    void stopServersAndCheckTheLog() throws IOException {
        closeAll();
        String log = Files.readString(logFile(), StandardCharsets.UTF_8);
        for (IssuedToken t : issued) {
            assertThat(log).as("the log must never hold a token or its secret")
                    .doesNotContain(t.token()).doesNotContain(secretOf(t.token()));
        }
    }

    private void closeAll() {
        if (server != null) {
            server.close();
        }
        if (openServer != null) {
            openServer.close();
        }
        if (pat4j != null) {
            pat4j.close();
        }
    }

    // ---- scopes and roles ----



    @Test
    void fullAccessPassesEverything() {
        assertThat(get("/repos", bearer(full)).body()).isEqualTo("repos of root");
        assertThat(post("/repos", bearer(full)).body()).isEqualTo("created by root");
        assertThat(get("/admin", bearer(full)).body()).isEqualTo("admin root");
        assertThat(get("/whoami", bearer(full)).status()).isEqualTo(200);
    }

    @Test
    void rolesAllowedIsAnsweredWithScopes() {
        assertThat(get("/admin", bearer(manage)).body()).isEqualTo("admin bob");
        Reply readOnly = get("/admin", bearer(read));
        assertThat(readOnly.status()).as("the container's role feature: %s", readOnly).isEqualTo(403);
        assertNamesNoReason(readOnly.body());
        assertPlain401(get("/admin"));
    }

    @Test
    void securityContextCarriesTheToken() {
        Reply whoami = get("/whoami", HostileHeaders.basic("ignored", manage.token()));
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.body()).isEqualTo("owner=bob\ntoken=" + manage.info().id() + "\norganization=acme"
                + "\nscheme=PAT\nsecure=false\ncode:read=true\ncode:write=true\ncode:manage=true\n");
        assertThat(get("/whoami", bearer(read)).body()).contains("code:read=true\ncode:write=false\ncode:manage=false");
    }

    @Test
    void classAndMethodScopesBothApply() {
        IssuedToken codeOnly = read;
        IssuedToken both = issue("heidi", "acme", Duration.ofDays(1), "code:read", "build:read");
        Reply refused = get("/builds", bearer(codeOnly));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.first("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"pat4j-test\", error=\"insufficient_scope\", scope=\"code:read build:read\"");
        assertThat(get("/builds", bearer(both)).body()).isEqualTo("builds");
    }

    @Test
    void anUndeclaredRequiredScopeRefusesEveryone() {
        Reply reply = get("/builds/mistake", bearer(full));
        assertThat(reply.status()).as("%s", reply).isEqualTo(403);
        assertThat(reply.body()).isEqualTo("403 Forbidden\n");
    }

    @Test
    void methodPermitAllWinsOverClassRolesAllowed() {
        assertThat(get("/status").body()).isEqualTo("status open");
        assertPlain401(post("/status"));
        assertThat(post("/status", bearer(read)).status()).isEqualTo(403);
        assertThat(post("/status", bearer(manage)).body()).isEqualTo("status changed by bob");
    }

    @Test
    void subResourceMethodsAreProtectedToo() {
        assertPlain401(get("/projects/apollo"));
        assertThat(get("/projects/apollo", bearer(read)).body()).isEqualTo("project apollo for alice");
        Reply refused = post("/projects/apollo", bearer(read));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.first("WWW-Authenticate")).endsWith("scope=\"project:write\"");
        assertThat(post("/projects/apollo", bearer(full)).body()).isEqualTo("project apollo changed by root");
    }

    @Test
    void scopesDeclaredOnAnInterfaceMethodCount() {
        Reply refused = post("/pipelines", bearer(manage));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.first("WWW-Authenticate")).endsWith("scope=\"build:execute\"");
        assertThat(post("/pipelines", bearer(full)).body()).isEqualTo("pipeline started");
    }

    // ---- anonymous access and organizations ----


    @Test
    void unannotatedResourceRequiresAToken() {
        assertPlain401(get("/whoami"));
    }

    @Test
    void permitAllIsAnonymousButAPresentedTokenMustBeValid() {
        assertThat(get("/health").body()).isEqualTo("ok, anonymous");
        assertThat(get("/health", bearer(read)).body()).isEqualTo("ok, alice");
        assertPlain401(get("/health", bearer(revoked)));
    }


    @Test
    void organizationFromAPathParameterWithAnonymousDefault() {
        assertThat(request(openServer, "GET", "/open", List.of(), false).body()).isEqualTo("open, anonymous");
        assertThat(request(openServer, "GET", "/orgs/acme/repos", List.of(bearer(read)), false).body())
                .isEqualTo("repos of acme for alice");
        assertPlain401(request(openServer, "GET", "/orgs/globex/repos", List.of(bearer(read)), false));
        assertThat(request(openServer, "GET", "/orgs/globex/repos", List.of(bearer(globex)), false).status())
                .isEqualTo(200);
        assertThat(request(openServer, "GET", "/orgs/globex/repos", List.of(bearer(full)), false).body())
                .isEqualTo("repos of globex for root");
        assertPlain401(request(openServer, "GET", "/orgs/acme/repos", List.of(), false));
    }

    // ---- lifecycle, outages, logs ----



    @Test
    void theLogSaysWhyAndWhichTokenButNotTheBody() throws IOException {
        Path log = logFile();
        long before = Files.size(log);
        Reply reply = get("/repos", bearer(revoked));
        assertPlain401(reply);
        String written = Files.readString(log, StandardCharsets.UTF_8).substring((int) before);
        assertThat(written).contains("REVOKED (token " + revoked.info().id() + ")");
        assertThat(written).doesNotContain(secretOf(revoked.token()));
    }

    // ---- helpers ----

    private IssuedToken issue(String owner, String organization, Duration lifespan, String... scopes) {
        NewToken.Builder b = NewToken.builder(owner, "test token").lifespan(lifespan).scopes(scopes);
        b = organization == null ? b.allOrganizations() : b.organization(organization);
        IssuedToken t = pat4j.tokens().create(b.build(), Actor.user(owner));
        issued.add(t);
        return t;
    }

    private static String bearer(IssuedToken t) {
        return "Bearer " + t.token();
    }

    /** The 32 secret characters: after {@code prefix_} and the 12-character id. */
    private static String secretOf(String token) {
        int start = token.indexOf('_') + 1 + 12;
        return token.substring(start, start + 32);
    }

    private static Path logFile() {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(file).as("surefire sends slf4j-simple to a file (see the pom)").isNotNull();
        return Path.of(file);
    }

    private static void assertPlain401(Reply reply) {
        assertPlain401("", reply);
    }

    private static void assertPlain401(String what, Reply reply) {
        assertThat(reply.status()).as("%s: %s", what, reply).isEqualTo(401);
        assertThat(reply.body()).as("%s: the same body for every 401", what).isEqualTo("401 Unauthorized\n");
        assertThat(reply.all("WWW-Authenticate")).as("%s: both challenges", what)
                .containsExactlyInAnyOrder(BASIC_CHALLENGE, BEARER_CHALLENGE);
    }

    private static void assertNamesNoReason(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(lower).doesNotContain(reason.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .doesNotContain(reason.name().toLowerCase(Locale.ROOT));
        }
        assertThat(lower).doesNotContain("checksum").doesNotContain("expired").doesNotContain("organization")
                .doesNotContain("secret").doesNotContain("token");
    }

    private Reply get(String path, String... authorization)  {
        return send("GET", path, List.of(authorization), true);
    }

    private Reply post(String path, String... authorization)  {
        return send("POST", path, List.of(authorization), true);
    }

    private Reply send(String method, String path, List<String> authorization, boolean withOrganization)
             {
        return request(server, method, path, authorization, withOrganization);
    }

    /**
     * Sends with {@link HttpClient} when it accepts the header values, else byte for byte over a
     * socket: HttpClient refuses NUL and bytes above 0x7E.
     */
    private Reply request(Server target, String method, String path, List<String> authorization,
                          boolean withOrganization) {
        List<String> lines = new ArrayList<>();
        if (withOrganization) {
            lines.add("X-Org: acme");
        }
        authorization.forEach(value -> lines.add("Authorization: " + value));
        URI uri = uri(target, path);
        return RawHttp.send(uri, method, uri.getRawPath(), lines);
    }


    private static URI uri(Server target, String path) {
        return URI.create(target.base() + path);
    }
}
