package dev.pat4j.web.api;

import static dev.pat4j.web.api.ApiServer.MANAGE;
import static dev.pat4j.web.api.ApiServer.OPEN;
import static dev.pat4j.web.api.ApiServer.PAT;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeDefinition;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.web.internal.api.ManagementApi;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /openapi.json} against the API actually served (on Jetty): every documented route
 * answers, every route served is documented (and nothing else answers), and each response
 * of a walk through every operation has a documented status and validates against its schema.
 */
class OpenApiConformanceTest {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private Pat4j pat4j;
    private ApiServer server;
    private JsonNode doc;
    private final List<HttpResponse<String>> seen = new ArrayList<>();
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @BeforeEach
    void start() throws Exception {
        ScopeCatalog catalog = ScopeCatalog.builder()
                .scope(ScopeDefinition.of("code:read").withLabel("Read code").withGroup("Code"))
                .scope(ScopeDefinition.of(ApiServer.MANAGE_SCOPE).withLabel("Manage tokens"))
                .build();
        pat4j = Pat4j.builder().store(new InMemoryTokenStore()).scopes(catalog).build();
        server = JettyApiServer.start(pat4j);
        try (InputStream in = ManagementApi.class.getResourceAsStream("/dev/pat4j/web/openapi.json")) {
            doc = Caller.JSON.readTree(in);
        }
    }

    @AfterEach
    void stop() {
        server.close();
        pat4j.close();
    }

    @Test
    void theDocumentIsOpenApi31AndIsWhatTheApiServes() {
        assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
        Caller anonymous = new Caller(server.port(), (String) null, seen);
        HttpResponse<String> served = anonymous.get(OPEN + "/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(Caller.JSON.readTree(served.body())).isEqualTo(doc);
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOneAnswers() {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (String method : METHODS) {
                if (path.getValue().has(method.toLowerCase(Locale.ROOT))) {
                    documented.add(method + " " + path.getKey());
                }
            }
        }
        assertThat(documented).isEqualTo(new TreeSet<>(ManagementApi.routes()));

        // probe every method on every documented path: documented ones are routed (no 404/405),
        // the others are 405, and paths nobody documented are 404
        Caller root = new Caller(server.port(), "root", "root-password-3", seen).withCsrf();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            String concrete = path.getKey().replace("{id}", "AAAAAAAAAAAA").replace("{owner}", "nobody");
            for (String method : METHODS) {
                HttpResponse<String> r = root.send(root.request(method, MANAGE + concrete,
                        method.equals("POST") || method.equals("PATCH") || method.equals("PUT") ? "{}" : null));
                String code = r.statusCode() >= 400 ? Caller.json(r).get("code").asString() : "";
                if (documented.contains(method + " " + path.getKey())) {
                    assertThat(code).as(method + " " + concrete).isNotIn("routeNotFound", "methodNotAllowed");
                } else {
                    assertThat(r.statusCode()).as(method + " " + concrete).isEqualTo(405);
                }
            }
        }
        for (String stray : List.of("/", "/token", "/tokens/AAAAAAAAAAAA/extra", "/admin", "/admin/owners/bob",
                "/admin/tokens/", "/OPENAPI.json", "/tokens/")) {
            HttpResponse<String> r = root.get(MANAGE + stray);
            assertThat(r.statusCode()).as(stray).isEqualTo(404);
            assertThat(Caller.json(r).get("code").asString()).as(stray).isEqualTo("routeNotFound");
        }
    }

    @Test
    void everyOperationsResponsesHaveDocumentedStatusesAndValidateAgainstTheirSchemas() {
        Caller alice = new Caller(server.port(), "alice", "alice-password-1", seen).withCsrf();
        Caller root = new Caller(server.port(), "root", "root-password-3", seen).withCsrf();
        IssuedToken script = pat4j.tokens().create(NewToken.builder("alice", "script").allOrganizations()
                .lifespan(Duration.ofDays(5)).scopes("code:read").build(), Actor.user("alice"));
        Caller bearer = new Caller(server.port(), Fixtures.bearer(script.token()), seen);
        Caller anonymous = new Caller(server.port(), (String) null, seen);
        String create = "{\"name\":\"n\",\"scopes\":[\"code:read\"],\"organization\":\"acme\"}";

        List<Call> calls = new ArrayList<>();
        calls.add(new Call(MANAGE, anonymous.get(OPEN + "/openapi.json"), OPEN));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/csrf")));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/me")));
        calls.add(new Call(MANAGE, root.get(MANAGE + "/me")));
        calls.add(new Call(MANAGE, anonymous.get(OPEN + "/me"), OPEN));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/tokens")));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/tokens?limit=1000")));
        calls.add(new Call(MANAGE, anonymous.get(OPEN + "/tokens"), OPEN));
        HttpResponse<String> created = alice.post(MANAGE + "/tokens", create);
        calls.add(new Call(MANAGE, created));
        String id = Caller.json(created).get("id").asString();
        calls.add(new Call(MANAGE, alice.post(MANAGE + "/tokens", "{\"name\":\"n\",\"scopes\":[\"code:nope\"]}")));
        calls.add(new Call(MANAGE, alice.post(MANAGE + "/tokens", "{\"name\":\"" + "x".repeat(20_000) + "\"}")));
        calls.add(new Call(MANAGE, alice.send(alice.request("POST", MANAGE + "/tokens", create)
                .setHeader("Content-Type", "text/plain"))));
        calls.add(new Call(MANAGE, alice.send(alice.bare("POST", MANAGE + "/tokens", create)
                .header("Content-Type", "application/json"))));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/tokens/" + id)));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/tokens/AAAAAAAAAAAA")));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/tokens/self")));
        calls.add(new Call(MANAGE, alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"m\"}")));
        calls.add(new Call(MANAGE, alice.patch(MANAGE + "/tokens/" + id, "{\"colour\":\"red\"}")));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/scopes")));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/organizations")));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/policy")));
        calls.add(new Call(MANAGE, alice.get(MANAGE + "/admin/tokens?owner=alice")));
        calls.add(new Call(MANAGE, root.get(MANAGE + "/admin/tokens?owner=alice")));
        calls.add(new Call(MANAGE, root.get(MANAGE + "/admin/tokens")));
        calls.add(new Call(MANAGE, bearer.get(PAT + "/tokens/self"), PAT));
        calls.add(new Call(MANAGE, bearer.get(PAT + "/tokens"), PAT));
        calls.add(new Call(MANAGE, alice.delete(MANAGE + "/tokens/" + id)));
        calls.add(new Call(MANAGE, alice.patch(MANAGE + "/tokens/" + id, "{\"name\":\"again\"}")));
        String other = Caller.json(alice.post(MANAGE + "/tokens", create)).get("id").asString();
        calls.add(new Call(MANAGE, root.delete(MANAGE + "/admin/tokens/" + other)));
        calls.add(new Call(MANAGE, root.delete(MANAGE + "/admin/tokens/AAAAAAAAAAAA")));
        calls.add(new Call(MANAGE, bearer.delete(PAT + "/tokens/self"), PAT));
        alice.post(MANAGE + "/tokens", create);
        calls.add(new Call(MANAGE, root.post(MANAGE + "/admin/owners/alice/revoke-all", null)));

        Set<String> exercised = new HashSet<>();
        Map<String, Set<Integer>> statuses = new HashMap<>();
        for (Call call : calls) {
            HttpResponse<String> r = call.response();
            String route = route(r.request().method(), call.relativePath());
            exercised.add(route);
            statuses.computeIfAbsent(route, k -> new TreeSet<>()).add(r.statusCode());
            JsonNode operation = doc.get("paths").get(route.substring(route.indexOf(' ') + 1))
                    .get(r.request().method().toLowerCase(Locale.ROOT));
            JsonNode documented = operation.get("responses").get(Integer.toString(r.statusCode()));
            assertThat(documented).as("%s answered %s, which is not documented", route, r.statusCode()).isNotNull();
            if (!documented.has("content")) {
                assertThat(r.body()).as(route).isEmpty();
                continue;
            }
            String type = r.headers().firstValue("Content-Type").orElseThrow().split(";")[0].trim();
            JsonNode media = documented.get("content").get(type);
            assertThat(media).as("%s %s answered %s, not documented", route, r.statusCode(), type).isNotNull();
            List<Error> errors = schema(media.get("schema")).validate(Caller.JSON.readTree(r.body()));
            assertThat(errors).as("%s %s: %s", route, r.statusCode(), r.body()).isEmpty();
        }
        assertThat(exercised).as("every documented operation was called").isEqualTo(new TreeSet<>(ManagementApi.routes()));
        assertThat(statuses.get("POST /tokens")).contains(201, 400, 403, 413, 415);
        assertThat(statuses.get("PATCH /tokens/{id}")).contains(200, 400, 409);
    }

    @Test
    void aResponseThatBreaksItsSchemaIsCaught() {
        JsonNode token = doc.get("paths").get("/tokens/{id}").get("get").get("responses").get("200")
                .get("content").get("application/json").get("schema");
        assertThat(schema(token).validate(Caller.JSON.readTree("{\"id\":\"x\"}"))).isNotEmpty();
        assertThat(schema(token).validate(Caller.JSON.readTree("{\"id\":\"x\",\"secret\":1}"))).isNotEmpty();
    }

    /** The response's schema, with the document's components beside it so its $refs resolve. */
    private Schema schema(JsonNode responseSchema) {
        ObjectNode s = ((ObjectNode) responseSchema.deepCopy());
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.set("components", doc.get("components"));
        return schemas.getSchema(s.toString());
    }

    /** The documented route a request path (below its mount) belongs to; literal segments win. */
    private String route(String method, String path) {
        String[] parts = path.substring(1).split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Map.Entry<String, JsonNode> p : doc.get("paths").properties()) {
            String[] template = p.getKey().substring(1).split("/", -1);
            if (template.length != parts.length || !p.getValue().has(method.toLowerCase(Locale.ROOT))) {
                continue;
            }
            int literals = 0;
            boolean match = true;
            for (int i = 0; i < parts.length; i++) {
                if (template[i].startsWith("{")) {
                    continue;
                }
                if (!template[i].equals(parts[i])) {
                    match = false;
                    break;
                }
                literals++;
            }
            if (match && literals > bestLiterals) {
                best = p.getKey();
                bestLiterals = literals;
            }
        }
        assertThat(best).as("no documented route for %s %s", method, path).isNotNull();
        return method + " " + best;
    }

    private record Call(String mount, HttpResponse<String> response, String actualMount) {
        Call(String mount, HttpResponse<String> response) {
            this(mount, response, mount);
        }

        String relativePath() {
            return response.request().uri().getPath().substring(actualMount.length());
        }
    }
}
