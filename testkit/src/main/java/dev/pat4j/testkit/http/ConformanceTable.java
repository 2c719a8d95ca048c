package dev.pat4j.testkit.http;

import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.HostileHeaders;
import dev.pat4j.testkit.http.ConformanceCase.Mount;
import java.util.ArrayList;
import java.util.List;

/**
 * THE table of answers: every pat4j adapter, on every container, answers these requests
 * exactly so. The adapters' READMEs print the same table. Endpoints, realm, Retry-After and the
 * second mechanism are those {@link AdapterConformanceSuite} documents. Stateless.
 */
public final class ConformanceTable {
    /** The realm every mount is configured with. */
    public static final String REALM = "conformance";
    /** {@code Basic} challenge of a 401. */
    public static final String BASIC = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
    /** {@code Bearer} challenge of a 401. */
    public static final String BEARER = "Bearer realm=\"" + REALM + "\"";
    /** The Retry-After every mount is configured with, in seconds (not the default, so it is proven configured). */
    public static final int RETRY_AFTER_SECONDS = 7;
    /** What the second mechanism accepts as user {@code alice}. */
    public static final String FOREIGN_BASIC = Fixtures.basic("alice", "secret");
    /** A JWT-shaped bearer value the second mechanism accepts as user {@code jwt-user}. */
    public static final String FOREIGN_JWT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJqd3QtdXNlciJ9.c2lnbmF0dXJl";
    /** The second mechanism's challenge when it refuses a credential. */
    public static final String OTHER_CHALLENGE = "Other realm=\"second\"";
    /** The second mechanism's body when it refuses a credential. */
    public static final String OTHER_BODY = "second mechanism: 401\n";

    private static final List<String> PAT4J_401 = List.of(BASIC, BEARER);
    private static final String ORG_LINE = AdapterConformanceSuite.ORGANIZATION_HEADER + ": " + ConformanceWorld.ORG;

    private ConformanceTable() {
    }

    /** 401 with pat4j's two challenges and its fixed body. */
    public static Expected unauthorized() {
        return new Expected(401, PAT4J_401, null, "401 Unauthorized\n");
    }

    /** 200 with the resource's own body. */
    public static Expected ok(String body) {
        return new Expected(200, List.of(), null, body);
    }

    /** 400, refused before any resource ran (by pat4j or by the container, which agree). */
    public static Expected badRequest() {
        return new Expected(400, List.of(), null, null);
    }

    /** 400 with pat4j's fixed body. */
    public static Expected badRequestByPat4j() {
        return new Expected(400, List.of(), null, "400 Bad Request\n");
    }

    /** 403 naming the required scopes. */
    public static Expected insufficientScope(String scopes) {
        return new Expected(403, List.of(BEARER + ", error=\"insufficient_scope\", scope=\"" + scopes + "\""), null,
                "403 Forbidden\n");
    }

    /** 503 with Retry-After and no challenge. */
    public static Expected unavailable() {
        return new Expected(503, List.of(), Integer.toString(RETRY_AFTER_SECONDS), "503 Service Unavailable\n");
    }

    /** The second mechanism's refusal. */
    public static Expected refusedBySecondMechanism() {
        return new Expected(401, List.of(OTHER_CHALLENGE), null, OTHER_BODY);
    }

    /** Every row, with the tokens of {@code t}. */
    public static List<ConformanceCase> cases(ConformanceTokens t) {
        List<ConformanceCase> rows = new ArrayList<>();
        String read = t.reader().token();

        // credential forms
        strict(rows, "no Authorization header", "GET", "/whoami", List.of(), unauthorized());
        strict(rows, "Basic, any user", "GET", "/repos", List.of(auth(Fixtures.basic("anyone", read))), ok("repos of alice"));
        strict(rows, "Basic, empty user", "GET", "/repos", List.of(auth(Fixtures.basic("", read))), ok("repos of alice"));
        strict(rows, "Basic PAT:PAT", "GET", "/repos", List.of(auth(Fixtures.basic(read, read))), ok("repos of alice"));
        strict(rows, "Basic PAT:", "GET", "/repos", List.of(auth(Fixtures.basic(read, ""))), ok("repos of alice"));
        strict(rows, "Bearer", "GET", "/repos", List.of(bearer(t.reader())), ok("repos of alice"));
        strict(rows, "lowercase scheme bearer", "GET", "/repos", List.of(auth("bearer " + read)), ok("repos of alice"));
        strict(rows, "lowercase scheme basic", "GET", "/repos", List.of(auth("basic "
                + Fixtures.basic("u", read).substring(6))), ok("repos of alice"));
        strict(rows, "two Authorization headers", "GET", "/repos", List.of(bearer(t.reader()), bearer(t.reader())),
                unauthorized());
        strict(rows, "bad checksum", "GET", "/repos", List.of(auth("Bearer " + flipLast(read))), unauthorized());
        strict(rows, "unknown id", "GET", "/repos", List.of(auth("Bearer " + Fixtures.lookAlike(
                read.substring(0, read.indexOf('_') + 1) + "ZZZZZZZZZZZZ" + read.substring(read.indexOf('_') + 13)))),
                unauthorized());
        strict(rows, "right id, wrong secret", "GET", "/repos", List.of(auth("Bearer " + Fixtures.lookAlike(read))),
                unauthorized());
        strict(rows, "revoked", "GET", "/repos", List.of(bearer(t.revoked())), unauthorized());
        strict(rows, "expired", "GET", "/repos", List.of(bearer(t.expired())), unauthorized());

        // organizations
        strict(rows, "token of another organization", "GET", "/repos", List.of(bearer(t.otherOrganization())),
                unauthorized());
        // binding fails closed: a request naming no organization refuses a token bound to one
        rows.add(new ConformanceCase("request naming no organization, token bound to one", Mount.STRICT, "GET",
                "/repos", List.of(bearer(t.otherOrganization())), false, unauthorized()));
        rows.add(new ConformanceCase("request naming no organization, token bound to one, anonymous path",
                Mount.STRICT, "GET", "/health", List.of(bearer(t.reader())), false, unauthorized()));
        rows.add(new ConformanceCase("request naming no organization, all-organization token", Mount.STRICT, "GET",
                "/whoami", List.of(bearer(t.full())), false, ok("whoami root")));
        rows.add(new ConformanceCase("pass-on: request naming no organization, token bound to one", Mount.PASS_ON,
                "GET", "/whoami", List.of(bearer(t.reader())), false, unauthorized()));
        rows.add(new ConformanceCase("all-organization token, other organization", Mount.STRICT, "GET", "/whoami",
                List.of(bearer(t.full()), AdapterConformanceSuite.ORGANIZATION_HEADER + ": " + ConformanceWorld.OTHER_ORG),
                false, ok("whoami root")));
        rows.add(new ConformanceCase("organization header sent twice", Mount.STRICT, "GET", "/repos",
                List.of(bearer(t.reader()), ORG_LINE, AdapterConformanceSuite.ORGANIZATION_HEADER + ": "
                        + ConformanceWorld.OTHER_ORG), false, badRequestByPat4j()));

        // the store
        rows.add(new ConformanceCase("store down, token not cached", Mount.STRICT, "GET", "/repos",
                List.of(bearer(t.neverUsed()), ORG_LINE), true, unavailable()));

        // scopes
        strict(rows, "missing scope", "POST", "/repos", List.of(bearer(t.reader())), insufficientScope("code:write"));
        strict(rows, "scope held", "POST", "/repos", List.of(bearer(t.writer())), ok("created by bob"));
        strict(rows, "scope implied", "POST", "/repos", List.of(bearer(t.manager())), ok("created by carol"));
        strict(rows, "full access", "POST", "/repos", List.of(bearer(t.full())), ok("created by root"));
        strict(rows, "any valid token", "GET", "/whoami", List.of(bearer(t.writer())), ok("whoami bob"));

        // anonymous path
        strict(rows, "anonymous path, no credential", "GET", "/health", List.of(), ok("health anonymous"));
        strict(rows, "anonymous path, valid token", "GET", "/health", List.of(bearer(t.reader())), ok("health alice"));
        strict(rows, "anonymous path, revoked token", "GET", "/health", List.of(bearer(t.revoked())), unauthorized());
        strict(rows, "anonymous path, bad checksum", "GET", "/health", List.of(auth("Bearer " + flipLast(read))),
                unauthorized());
        strict(rows, "anonymous path, two Authorization headers", "GET", "/health",
                List.of(bearer(t.reader()), bearer(t.reader())), unauthorized());

        // paths that layers read differently: refused, never served
        for (String trick : List.of("/health/%2e%2e/repos", "/health/%2E%2E/repos", "/health/.%2e/repos",
                "/health/../repos", "/./repos", "/repos/.", "//repos", "/health//../repos", "/repos;x=1",
                "/health;/../repos", "/health%2f..%2frepos", "/repos%2f", "/repos%00", "/%252e%252e/repos",
                "/repos%5c..%5c", "/repos\\..\\")) {
            strict(rows, "path " + trick, "POST", trick, List.of(bearer(t.reader())), badRequest());
        }
        strict(rows, "anonymous path trick /health/..;/repos", "GET", "/health/..;/repos", List.of(), badRequest());

        // foreign credentials, strict: pat4j refuses even though the second mechanism would accept
        strict(rows, "strict: foreign Basic password", "GET", "/whoami", List.of(auth(FOREIGN_BASIC)), unauthorized());
        strict(rows, "strict: foreign JWT bearer", "GET", "/whoami", List.of(auth("Bearer " + FOREIGN_JWT)),
                unauthorized());
        // foreign credentials, pass-on: the second mechanism judges them; pat4j-shaped ones stay pat4j's
        passOn(rows, "pass-on: foreign Basic password", "GET", "/whoami", List.of(auth(FOREIGN_BASIC)), ok("whoami alice"));
        passOn(rows, "pass-on: foreign JWT bearer", "GET", "/whoami", List.of(auth("Bearer " + FOREIGN_JWT)),
                ok("whoami jwt-user"));
        passOn(rows, "pass-on: foreign Basic, wrong password", "GET", "/whoami",
                List.of(auth(Fixtures.basic("alice", "guess"))), refusedBySecondMechanism());
        passOn(rows, "pass-on: valid token", "GET", "/whoami", List.of(bearer(t.reader())), ok("whoami alice"));
        passOn(rows, "pass-on: revoked token is refused, not passed on", "GET", "/whoami",
                List.of(bearer(t.revoked())), unauthorized());
        passOn(rows, "pass-on: bad checksum is refused, not passed on", "GET", "/whoami",
                List.of(auth("Bearer " + flipLast(read))), unauthorized());
        passOn(rows, "pass-on: token as Basic password, revoked", "GET", "/whoami",
                List.of(auth(Fixtures.basic("alice", t.revoked().token()))), unauthorized());
        passOn(rows, "pass-on: upper-case prefix is still pat4j's", "GET", "/whoami",
                List.of(auth("Bearer " + read.toUpperCase(java.util.Locale.ROOT))), unauthorized());
        passOn(rows, "pass-on: two Authorization headers", "GET", "/whoami",
                List.of(auth(FOREIGN_BASIC), auth(FOREIGN_BASIC)), unauthorized());
        passOn(rows, "pass-on: no credential", "GET", "/whoami", List.of(), unauthorized());
        passOn(rows, "pass-on: missing scope", "POST", "/repos", List.of(bearer(t.reader())),
                insufficientScope("code:write"));

        // the shared hostile-header matrix
        for (HostileHeaders.Case hostile : HostileHeaders.matrix(new HostileHeaders.Tokens(read, t.revoked().token(),
                t.expired().token(), t.otherOrganization().token()))) {
            boolean control = hostile.values().stream()
                    .anyMatch(v -> v.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F));
            List<String> lines = new ArrayList<>();
            hostile.values().forEach(v -> lines.add(auth(v)));
            // RFC 9110 forbids control characters in a field value: servlet containers answer 400
            // while parsing, and pat4j answers 400 where a container lets them through.
            strict(rows, "hostile: " + hostile.name(), "GET", "/repos", lines, control ? badRequest() : unauthorized());
        }
        return List.copyOf(rows);
    }

    private static void strict(List<ConformanceCase> rows, String name, String method, String path, List<String> lines,
                               Expected expected) {
        rows.add(new ConformanceCase(name, Mount.STRICT, method, path, withOrg(lines), false, expected));
    }

    private static void passOn(List<ConformanceCase> rows, String name, String method, String path, List<String> lines,
                               Expected expected) {
        rows.add(new ConformanceCase(name, Mount.PASS_ON, method, path, withOrg(lines), false, expected));
    }

    private static List<String> withOrg(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        out.add(ORG_LINE);
        return out;
    }

    private static String bearer(IssuedToken token) {
        return auth("Bearer " + token.token());
    }

    private static String auth(String value) {
        return "Authorization: " + value;
    }

    private static String flipLast(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
