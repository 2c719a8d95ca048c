package dev.pat4j.web.internal.api;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.ConcurrentUpdateException;
import dev.pat4j.lifecycle.InvalidCursorException;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.NotPermittedException;
import dev.pat4j.lifecycle.OwnerRightsException;
import dev.pat4j.lifecycle.PolicyViolationException;
import dev.pat4j.lifecycle.TokenChanges;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenNotFoundException;
import dev.pat4j.lifecycle.TokenPage;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenQuery;
import dev.pat4j.lifecycle.TokenSort;
import dev.pat4j.lifecycle.TokenState;
import dev.pat4j.lifecycle.TokenStateException;
import dev.pat4j.owner.OwnerRights;
import dev.pat4j.scope.ScopeDefinition;
import dev.pat4j.scope.UnknownScopeException;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.web.ActingUser;
import dev.pat4j.web.ActingUserResolver;
import dev.pat4j.web.ContainerCsrf;
import dev.pat4j.web.internal.api.Bodies.CreateRequest;
import dev.pat4j.web.internal.api.Bodies.CreatedToken;
import dev.pat4j.web.internal.api.Bodies.PatchRequest;
import dev.pat4j.web.internal.api.Bodies.TokenView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API's routes: who is acting, what they may call, CSRF, then the call itself on
 * pat4j's {@code TokenService}; every refusal is a problem document. Thread-safe (holds only
 * immutable settings).
 */
public final class ManagementApi {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
    /** A token id: 12 base62 characters. Anything else is a 404 before the store is asked, and never echoed. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{12}");
    private static final int MAX_CURSOR = 1024;
    private static final String OPENAPI = "/dev/pat4j/web/openapi.json";

    private final Pat4j pat4j;
    private final ActingUserResolver users;
    private final @Nullable String managementScope;
    private final Duration defaultLifespan;
    private final int maxBodyBytes;
    private final ApiJson json;
    private final Csrf csrf;
    private final @Nullable ContainerCsrf containerCsrf;
    private final byte[] openApi;

    /** @param containerCsrf the container's CSRF protection to defer to, or null for the API's own */
    public ManagementApi(Pat4j pat4j, ActingUserResolver users, @Nullable String managementScope,
                         Duration defaultLifespan, int maxBodyBytes, List<String> allowedOrigins,
                         @Nullable ContainerCsrf containerCsrf) {
        this.pat4j = pat4j;
        this.users = users;
        this.managementScope = managementScope;
        this.defaultLifespan = defaultLifespan;
        this.maxBodyBytes = maxBodyBytes;
        this.json = new ApiJson(maxBodyBytes);
        this.csrf = new Csrf(allowedOrigins);
        this.containerCsrf = containerCsrf;
        try (InputStream in = ManagementApi.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document is missing from the jar");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The routes, as (method, path template) pairs: what {@code /openapi.json} documents. */
    public static List<String> routes() {
        return List.of("GET /openapi.json", "GET /csrf", "GET /me", "GET /tokens", "POST /tokens", "GET /tokens/self",
                "DELETE /tokens/self", "GET /tokens/{id}", "PATCH /tokens/{id}", "DELETE /tokens/{id}",
                "GET /scopes", "GET /organizations", "GET /policy", "GET /admin/tokens",
                "DELETE /admin/tokens/{id}", "POST /admin/owners/{owner}/revoke-all");
    }

    /** What {@code GET /csrf} hands out: the session's synchronizer token, or the container's. */
    private Bodies.CsrfToken csrfToken(HttpServletRequest request, String user) {
        if (containerCsrf == null) {
            return new Bodies.CsrfToken(csrf.tokenFor(request, user), Csrf.HEADER);
        }
        ContainerCsrf.Token token = containerCsrf.token(request).orElseThrow(() -> new ApiProblem(404,
                "routeNotFound", "Not found", "no CSRF protection of the container guards this path"));
        return new Bodies.CsrfToken(token.value(), token.headerName());
    }

    /** Answers one request; never throws. */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store"); // every answer is one user's; one carries a secret
        response.setHeader("X-Content-Type-Options", "nosniff");
        try {
            answer(request, response);
        } catch (ApiProblem problem) {
            problem(request, response, problem);
        } catch (RuntimeException e) {
            problem(request, response, translate(e));
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        List<String> path = segments(request.getPathInfo());
        Route route = Route.match(method, path);
        if (route == Route.OPENAPI) {
            send(response, 200, "application/json", openApi);
            return;
        }
        ActingUser user = users.resolve(request).orElseThrow(() -> new ApiProblem(401, "notAuthenticated",
                "Unauthorized", "sign in to manage tokens"));
        if (route.admin && !user.administrator()) { // a token's user never is one, whatever its scopes
            throw ApiProblem.forbidden("notAdministrator", "this call is for administrators");
        }
        requireCredentialAllowed(user, route);
        if (route.changes) {
            csrf.requireNotCrossSite(request);
            if (user.ambient()) {
                if (containerCsrf == null) {
                    csrf.requireSynchronizerToken(request, user.name());
                } else if (containerCsrf.token(request).isEmpty()) {
                    // the container checked its token already, if it guards this path; if it keeps none, it does not
                    throw ApiProblem.forbidden("csrfTokenInvalid", "no CSRF protection of the container guards this "
                            + "call that changes something with a session");
                }
            }
        }
        Actor self = Actor.user(user.name());
        switch (route) {
            case CSRF -> ok(response, csrfToken(request, user.name()));
            // who the page is for: it shows the name and offers the administrators' view to administrators
            case ME -> ok(response, new Bodies.Me(user.name(), user.administrator()));
            case LIST -> ok(response, list(request, user.name(), false));
            case CREATE -> create(request, response, user);
            case SELF -> ok(response, view(requireSelf(user)));
            case REVOKE_SELF -> {
                pat4j.tokens().revoke(requireSelf(user).id(), self);
                response.setStatus(204);
            }
            case GET -> ok(response, view(own(path.get(1), user)));
            case PATCH -> ok(response, patch(request, path.get(1), user));
            case DELETE -> {
                pat4j.tokens().revoke(own(path.get(1), user).id(), self);
                response.setStatus(204);
            }
            case SCOPES -> ok(response, scopes());
            case ORGANIZATIONS -> ok(response, organizations(user.name()));
            case POLICY -> ok(response, policy());
            case ADMIN_LIST -> ok(response, list(request, null, true));
            case ADMIN_REVOKE -> {
                String id = path.get(2);
                if (!ID.matcher(id).matches()) {
                    throw ApiProblem.notFound();
                }
                pat4j.tokens().revoke(id, Actor.administrator(user.name()));
                response.setStatus(204);
            }
            case ADMIN_REVOKE_ALL -> {
                String owner = path.get(2);
                int revoked = pat4j.tokens().revokeAll(owner, Actor.administrator(user.name()));
                ok(response, new Bodies.RevokedCount(revoked));
            }
            default -> throw new IllegalStateException("unrouted " + route);
        }
    }

    /** A PAT is no credential for managing tokens (a token must not mint tokens), unless it holds the scope allowed. */
    private void requireCredentialAllowed(ActingUser user, Route route) {
        if (user.token() == null || route == Route.SELF || route == Route.REVOKE_SELF) {
            return;
        }
        if (managementScope != null && user.token().hasScope(managementScope)) {
            return;
        }
        throw ApiProblem.forbidden("tokenCredentialNotAllowed", managementScope == null
                ? "a personal access token cannot manage tokens; sign in instead"
                : "this personal access token cannot manage tokens: it needs the scope '" + managementScope + "'");
    }

    private TokenInfo requireSelf(ActingUser user) {
        if (user.token() == null) {
            throw new ApiProblem(404, "tokenNotFound", "Token not found", "this request was not made with a token");
        }
        return pat4j.tokens().get(user.token().tokenId()).orElseThrow(ApiProblem::notFound);
    }

    /** The user's own token: another's and a missing one are the same 404. */
    private TokenInfo own(String id, ActingUser user) {
        if (!ID.matcher(id).matches()) {
            throw ApiProblem.notFound();
        }
        TokenInfo token = pat4j.tokens().get(id).orElseThrow(ApiProblem::notFound);
        if (!token.owner().equals(user.name())) {
            throw ApiProblem.notFound();
        }
        return token;
    }

    private Bodies.TokenList list(HttpServletRequest request, @Nullable String owner, boolean admin) {
        Map<String, String> params = query(request, admin
                ? Set.of("owner", "status", "search", "sort", "cursor", "limit")
                : Set.of("status", "search", "sort", "cursor", "limit"));
        if (admin) {
            owner = params.get("owner");
            if (owner == null) {
                throw ApiProblem.badRequest("invalidParameter", "name the owner: ?owner=").with("parameter", "owner");
            }
        }
        TokenQuery query;
        try {
            query = TokenQuery.of(owner);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalidParameter", "the owner is not a valid name").with("parameter", "owner");
        }
        query = query.withStates(states(params.get("status"))).withSort(sort(params.get("sort")));
        try {
            query = query.withSearch(params.get("search"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalidParameter", "search must be at most " + TokenQuery.MAX_SEARCH
                    + " characters without control or bidirectional control characters").with("parameter", "search");
        }
        String limit = params.get("limit");
        if (limit != null) {
            query = query.withLimit(limit(limit));
        }
        String cursor = params.get("cursor");
        if (cursor != null) {
            if (cursor.isEmpty() || cursor.length() > MAX_CURSOR) {
                throw invalidCursor();
            }
            query = query.withCursor(cursor);
        }
        TokenPage page = pat4j.tokens().list(query);
        return new Bodies.TokenList(page.tokens().stream().map(this::view).toList(), page.nextCursor());
    }

    private static int limit(String text) {
        if (!text.matches("[0-9]{1,3}")) {
            throw badLimit();
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > TokenQuery.MAX_LIMIT) {
            throw badLimit();
        }
        return limit;
    }

    private static ApiProblem badLimit() {
        return ApiProblem.badRequest("invalidParameter", "limit must be a whole number from 1 to "
                + TokenQuery.MAX_LIMIT).with("parameter", "limit").with("maxLimit", TokenQuery.MAX_LIMIT);
    }

    private static Set<TokenState> states(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        Set<TokenState> states = EnumSet.noneOf(TokenState.class);
        for (String part : text.split(",", -1)) {
            switch (part) {
                case "active" -> states.add(TokenState.ACTIVE);
                case "expired" -> states.add(TokenState.EXPIRED);
                case "revoked" -> states.add(TokenState.REVOKED);
                default -> throw ApiProblem.badRequest("invalidParameter",
                        "status is a comma-separated list of active, expired and revoked").with("parameter", "status");
            }
        }
        return states;
    }

    private static TokenSort sort(@Nullable String text) {
        if (text == null) {
            return TokenSort.CREATED_NEWEST;
        }
        return switch (text) {
            case "-createdAt" -> TokenSort.CREATED_NEWEST;
            case "createdAt" -> TokenSort.CREATED_OLDEST;
            case "expiresAt" -> TokenSort.EXPIRES_SOONEST;
            case "name" -> TokenSort.NAME;
            default -> throw ApiProblem.badRequest("invalidParameter",
                    "sort is one of -createdAt, createdAt, expiresAt and name").with("parameter", "sort");
        };
    }

    /** The query string's parameters: each at most once, none unknown. Only for GET (never reads a body). */
    private static Map<String, String> query(HttpServletRequest request, Set<String> known) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (!known.contains(e.getKey())) {
                String name = ApiProblem.safeEcho(e.getKey());
                ApiProblem problem = ApiProblem.badRequest("unknownParameter", name == null
                        ? "the query holds a parameter this call does not know"
                        : "the query holds the parameter '" + name + "', which this call does not know");
                throw name == null ? problem : problem.with("parameter", name);
            }
            if (e.getValue().length != 1) {
                throw ApiProblem.badRequest("invalidParameter", "the parameter '" + e.getKey() + "' is repeated")
                        .with("parameter", e.getKey());
            }
            out.put(e.getKey(), e.getValue()[0]);
        }
        return out;
    }

    private void create(HttpServletRequest request, HttpServletResponse response, ActingUser user) throws IOException {
        CreateRequest body = json.read(body(request), CreateRequest.class);
        if (body.name() == null) {
            throw ApiProblem.badRequest("invalidName", "a token needs a name").with("field", "name");
        }
        List<String> scopes = scopeNames(body.scopes());
        NewToken.Builder builder;
        try {
            builder = NewToken.builder(user.name(), NewToken.requireValidName(body.name()));
        } catch (IllegalArgumentException e) {
            throw invalidName(e);
        }
        try {
            if (body.organization() == null) {
                builder.allOrganizations();
            } else {
                builder.organization(body.organization());
            }
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalidOrganization", "the organization is not a valid name")
                    .with("field", "organization");
        }
        if (body.expiresAt() == null) {
            builder.lifespan(effectiveDefaultLifespan());
        } else {
            builder.expiresAt(expiry(body.expiresAt()));
        }
        builder.scopes(scopes);
        IssuedToken issued;
        try {
            issued = pat4j.tokens().create(builder.build(), Actor.user(user.name()));
        } catch (PolicyViolationException e) {
            throw policy(e, null);
        }
        send(response, 201, "application/json", json.write(CreatedToken.of(view(issued.info()), issued.token())));
    }

    private TokenView patch(HttpServletRequest request, String id, ActingUser user) throws IOException {
        TokenInfo token = own(id, user);
        PatchRequest body = json.read(body(request), PatchRequest.class);
        String name = null;
        if (body.name() != null) {
            try {
                name = NewToken.requireValidName(body.name());
            } catch (IllegalArgumentException e) {
                throw invalidName(e);
            }
        }
        List<String> scopes = body.scopes() == null ? null : scopeNames(body.scopes());
        Instant expiry = body.expiresAt() == null ? null : expiry(body.expiresAt());
        TokenChanges changes = new TokenChanges(name, scopes, expiry);
        if (changes.isEmpty()) {
            return view(token);
        }
        try {
            return view(pat4j.tokens().update(token.id(), changes, Actor.user(user.name())));
        } catch (PolicyViolationException e) {
            throw policy(e, token);
        }
    }

    private static List<String> scopeNames(@Nullable List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw ApiProblem.badRequest("invalidScope", "a token needs at least one scope").with("field", "scopes");
        }
        if (scopes.contains(null) || scopes.size() > 256) {
            throw ApiProblem.badRequest("invalidScope", "scopes is a list of at most 256 scope names")
                    .with("field", "scopes");
        }
        return new ArrayList<>(new java.util.LinkedHashSet<>(scopes));
    }

    private static ApiProblem invalidName(IllegalArgumentException e) {
        // NewToken's messages say what is wrong without repeating the name
        return ApiProblem.badRequest("invalidName", e.getMessage()).with("field", "name");
    }

    private static Instant expiry(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("invalidExpiry", "expiresAt is an RFC 3339 date-time with an offset, "
                    + "such as 2030-01-31T00:00:00Z").with("field", "expiresAt");
        }
    }

    private Duration effectiveDefaultLifespan() {
        Duration max = pat4j.policy().maxLifespan();
        return defaultLifespan.compareTo(max) > 0 ? max : defaultLifespan;
    }

    /** A policy refusal, with the limit it hit: never a silent clamp. */
    private ApiProblem policy(PolicyViolationException e, @Nullable TokenInfo token) {
        TokenPolicy policy = pat4j.policy();
        return switch (e.rule()) {
            case MAX_LIFESPAN -> {
                Instant from = token != null && policy.extensionFrom() == TokenPolicy.ExtensionBase.CREATION
                        ? token.createdAt() : pat4j.clock().instant();
                yield ApiProblem.badRequest("patLifespanPolicyViolation", "the expiry is beyond the maximum lifespan "
                                + "of " + describe(policy.maxLifespan()) + (token != null
                                && policy.extensionFrom() == TokenPolicy.ExtensionBase.CREATION
                                ? ", counted from the token's creation" : ", counted from now"))
                        .with("field", "expiresAt")
                        .with("maxLifespan", policy.maxLifespan().toString())
                        .with("maxLifespanSeconds", policy.maxLifespan().toSeconds())
                        .with("latestExpiresAt", from.plus(policy.maxLifespan()).toString());
            }
            case FULL_ACCESS -> ApiProblem.badRequest("fullScopePatPolicyViolation",
                    "full-access tokens are not allowed; choose scopes").with("field", "scopes");
            case ALL_ORGANIZATIONS -> ApiProblem.badRequest("globalPatPolicyViolation",
                    "tokens for all organizations are not allowed; name an organization").with("field", "organization");
            case MAX_ACTIVE_TOKENS -> new ApiProblem(409, "activeTokenLimitReached", "Conflict",
                    "you already hold the most active tokens allowed; revoke one first")
                    .with("maxActiveTokensPerOwner", policy.maxActiveTokensPerOwner());
            case EXPIRY_NOT_IN_FUTURE -> ApiProblem.badRequest("invalidExpiry", "the expiry must be in the future")
                    .with("field", "expiresAt");
        };
    }

    private static String describe(Duration d) {
        return Duration.ofDays(d.toDays()).equals(d) ? d.toDays() + " days" : d.toString();
    }

    private Bodies.ScopeList scopes() {
        List<Bodies.ScopeView> out = new ArrayList<>();
        for (ScopeDefinition d : pat4j.catalog().definitions()) {
            out.add(new Bodies.ScopeView(d.name(), d.label(), d.group(), d.highPrivilege(), List.copyOf(d.implies())));
        }
        return new Bodies.ScopeList(out);
    }

    private Bodies.OrganizationList organizations(String user) {
        OwnerRights rights = pat4j.owners().rightsOf(user);
        boolean any = rights.active() && rights.allOrganizations();
        List<String> named = !rights.active() || rights.organizations() == null ? List.of()
                : List.copyOf(new TreeSet<>(rights.organizations()));
        return new Bodies.OrganizationList(any, any && pat4j.policy().allowAllOrganizations(), named);
    }

    private Bodies.PolicyView policy() {
        TokenPolicy p = pat4j.policy();
        Duration def = effectiveDefaultLifespan();
        return new Bodies.PolicyView(p.maxLifespan().toString(), p.maxLifespan().toSeconds(), def.toString(),
                def.toSeconds(), p.allowFullAccess(), p.allowAllOrganizations(), p.maxActiveTokensPerOwner(),
                p.extensionFrom().name().toLowerCase(Locale.ROOT));
    }

    private TokenView view(TokenInfo info) {
        return TokenView.of(info, pat4j.format().prefix());
    }

    /** The body of a POST or PATCH: JSON only, at most the limit (413 beyond, without reading on). */
    private byte[] body(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !isJson(type)) {
            throw new ApiProblem(415, "unsupportedMediaType", "Unsupported media type",
                    "send the body as application/json (UTF-8)");
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBodyBytes) {
                    throw tooLarge();
                }
            }
        }
        return out.toByteArray();
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "requestTooLarge", "Content too large",
                "the body is larger than " + maxBodyBytes + " bytes").with("maxBodyBytes", maxBodyBytes);
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.equals("application/merge-patch+json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")
                    && !kv[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** The typed exceptions of pat4j's management calls, as problems. */
    private ApiProblem translate(RuntimeException e) {
        if (e instanceof TokenNotFoundException || e instanceof NotPermittedException) {
            return ApiProblem.notFound(); // not yours and missing look the same
        }
        if (e instanceof TokenStateException s) {
            return s.state() == TokenState.REVOKED
                    ? new ApiProblem(409, "tokenRevoked", "Conflict", "the token is revoked; it can no longer change")
                    : new ApiProblem(409, "tokenExpired", "Conflict",
                            "the token has expired; only its name can change");
        }
        if (e instanceof UnknownScopeException u) {
            String scope = ApiProblem.safeEcho(u.scope());
            ApiProblem problem = ApiProblem.badRequest("invalidScope", scope == null
                    ? "a scope is not one this application offers (GET /scopes lists them)"
                    : "the scope '" + scope + "' is not one this application offers (GET /scopes lists them)")
                    .with("field", "scopes");
            return scope == null ? problem : problem.with("scope", scope);
        }
        if (e instanceof OwnerRightsException o) {
            return switch (o.refusal()) {
                case OWNER_INACTIVE -> ApiProblem.forbidden("ownerInactive", "your account may not hold tokens now");
                case SCOPE_NOT_HELD -> ApiProblem.forbidden("scopeNotHeld", "you do not hold every scope asked for")
                        .with("scopes", List.copyOf(new TreeSet<>(o.scopes())));
                case ORGANIZATION_NOT_ALLOWED -> ApiProblem.forbidden("organizationNotAllowed", o.organization() == null
                        ? "you may not hold tokens for all organizations; name one (GET /organizations)"
                        : "you may not bind a token to this organization (GET /organizations)");
            };
        }
        if (e instanceof PolicyViolationException p) {
            return policy(p, null);
        }
        if (e instanceof InvalidCursorException) {
            return invalidCursor();
        }
        if (e instanceof ConcurrentUpdateException) {
            return new ApiProblem(409, "concurrentUpdate", "Conflict", "the token changed meanwhile; try again");
        }
        if (e instanceof StoreUnavailableException) {
            long seconds = pat4j.storeRetryAfter().map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(1L);
            return ApiProblem.unavailable(seconds);
        }
        if (e instanceof IllegalArgumentException) {
            return ApiProblem.badRequest("invalidRequest", "the request is not valid");
        }
        // a fault of pat4j or the application: logged with an incident id, never with its message or stack
        String incident = UUID.randomUUID().toString();
        LOG.error("management API call failed: {} (incident {})", e.getClass().getName(), incident);
        return new ApiProblem(500, "internalError", "Internal server error",
                "the call failed; the server's log names incident " + incident).with("incident", incident);
    }

    private static ApiProblem invalidCursor() {
        return ApiProblem.badRequest("invalidCursor", "the cursor is not one this query handed out; start again "
                + "without it").with("parameter", "cursor");
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (problem.status() == 405) {
            response.setHeader("Allow", String.join(", ", Route.allowed(segments(request.getPathInfo()))));
        }
        if (problem.retryAfter() != null) {
            response.setHeader("Retry-After", problem.retryAfter());
        }
        send(response, problem.status(), "application/problem+json",
                json.write(problem.body(request.getRequestURI().length() <= 512 && !looksLikeToken(request)
                        ? request.getRequestURI() : request.getContextPath() + request.getServletPath())));
    }

    /** A path holding a whole token (pasted where an id belongs) is not repeated, not even as the problem's instance. */
    private boolean looksLikeToken(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !pat4j.scanner().scan(uri).isEmpty() || uri.toLowerCase(Locale.ROOT)
                .contains(pat4j.format().prefix() + "_");
    }

    private void ok(HttpServletResponse response, Object body) throws IOException {
        send(response, 200, "application/json", json.write(body));
    }

    private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static List<String> segments(@Nullable String pathInfo) {
        if (pathInfo == null || pathInfo.isEmpty() || pathInfo.equals("/")) {
            return List.of();
        }
        String p = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
        return List.of(p.split("/", -1));
    }

    /** The routes and what each needs. */
    enum Route {
        OPENAPI("GET", false, false, "openapi.json"),
        CSRF("GET", false, false, "csrf"),
        ME("GET", false, false, "me"),
        LIST("GET", false, false, "tokens"),
        CREATE("POST", false, true, "tokens"),
        SELF("GET", false, false, "tokens", "self"),
        REVOKE_SELF("DELETE", false, true, "tokens", "self"),
        GET("GET", false, false, "tokens", "*"),
        PATCH("PATCH", false, true, "tokens", "*"),
        DELETE("DELETE", false, true, "tokens", "*"),
        SCOPES("GET", false, false, "scopes"),
        ORGANIZATIONS("GET", false, false, "organizations"),
        POLICY("GET", false, false, "policy"),
        ADMIN_LIST("GET", true, false, "admin", "tokens"),
        ADMIN_REVOKE("DELETE", true, true, "admin", "tokens", "*"),
        ADMIN_REVOKE_ALL("POST", true, true, "admin", "owners", "*", "revoke-all");

        final String method;
        final boolean admin;
        final boolean changes;
        final List<String> pattern;

        Route(String method, boolean admin, boolean changes, String... pattern) {
            this.method = method;
            this.admin = admin;
            this.changes = changes;
            this.pattern = List.of(pattern);
        }

        private boolean matches(List<String> path) {
            if (path.size() != pattern.size()) {
                return false;
            }
            for (int i = 0; i < path.size(); i++) {
                String p = pattern.get(i);
                if (p.equals("*") ? path.get(i).isEmpty() : !p.equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Literal segments win over {@code *} ({@code /tokens/self} is not a token id). */
        static Route match(String method, List<String> path) {
            boolean known = false;
            for (Route r : values()) {
                if (r.matches(path) && !shadowed(r, path)) {
                    known = true;
                    if (r.method.equals(method)) {
                        return r;
                    }
                }
            }
            if (known) {
                throw new ApiProblem(405, "methodNotAllowed", "Method not allowed",
                        "this path does not answer that method");
            }
            throw new ApiProblem(404, "routeNotFound", "Not found", "the API has no such path");
        }

        private static boolean shadowed(Route r, List<String> path) {
            return r.pattern.contains("*") && r.pattern.get(0).equals("tokens") && path.get(1).equals("self");
        }

        static List<String> allowed(List<String> path) {
            Set<String> methods = new HashSet<>();
            for (Route r : values()) {
                if (r.matches(path) && !shadowed(r, path)) {
                    methods.add(r.method);
                }
            }
            return new ArrayList<>(new TreeSet<>(methods));
        }
    }
}
