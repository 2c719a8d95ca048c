package dev.pat4j.http;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AccessRules.Access;
import dev.pat4j.http.AccessRules.Requirement;
import dev.pat4j.http.internal.CanonicalPath;
import dev.pat4j.http.internal.Challenges;
import dev.pat4j.http.internal.CredentialShape;
import dev.pat4j.http.internal.LogText;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.token.TokenFormat;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.TokenPrincipal;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * pat4j's one HTTP layer: decides, from a {@link RequestView}, what a request gets, so that every
 * adapter (servlet filter, JAX-RS filter, and those to come) answers alike and only translates
 * the {@link Decision}. Built once by {@link #builder(Pat4j)}; immutable and thread-safe.
 *
 * <p>The steps of {@link #decide(RequestView, Requirement)}, in order, each ending the decision
 * when it refuses:
 * <ol>
 * <li>the raw path must be canonical, and no {@code Authorization} value may hold a control
 * character: else <b>400</b>;</li>
 * <li>a {@link Access#DENIED denied} path: <b>403</b>, no challenge;</li>
 * <li>no {@code Authorization} header: {@link Decision.Proceed anonymous} on an anonymous path,
 * else <b>401</b>; two or more headers: <b>401</b> (which one counts would depend on the
 * container);</li>
 * <li>a foreign credential under {@link ForeignCredentials#PASS_ON}: {@link Decision.PassOn};</li>
 * <li>the {@link AttemptThrottle} asks the client to wait: <b>429</b> with {@code Retry-After};</li>
 * <li>the {@link OrganizationSource} finds the organization ambiguous: <b>400</b>;</li>
 * <li>the token is checked ({@link TokenValidator#check(String, String)} with the organization
 * found, which refuses a token bound to one organization where the request names none unless
 * pat4j accepts that): store down (and the token not verified in the cache) <b>503</b> with
 * {@code Retry-After}: while pat4j's store circuit breaker is open the seconds until it probes
 * the store again ({@link Pat4j#storeRetryAfter()}, at least one), else the configured
 * {@linkplain Builder#retryAfter delay}; any other failure <b>401</b>;</li>
 * <li>the token lacks a required scope: <b>403</b> with an RFC 6750 {@code insufficient_scope}
 * challenge naming the required scopes;</li>
 * <li>else {@link Decision.Proceed} with the token's principal.</li>
 * </ol>
 * Every 401 carries {@code WWW-Authenticate: Basic realm="…", charset="UTF-8"} and
 * {@code WWW-Authenticate: Bearer realm="…"}; every refusal carries {@code Cache-Control: no-store}
 * and its status's one fixed {@link Decision.Body}, so a client never learns which check failed.
 * The {@link LogLine} says it, with the token id, never the secret.
 */
public final class RequestGate {
    /** Where adapters put the {@link TokenPrincipal} of an authenticated request (attribute or property). */
    public static final String PRINCIPAL_ATTRIBUTE = "dev.pat4j.principal";
    /** The authentication scheme adapters report for a token-authenticated request. */
    public static final String AUTHENTICATION_SCHEME = "PAT";
    /** The realm of the challenges unless configured. */
    public static final String DEFAULT_REALM = "pat4j";
    /** The {@code Retry-After} of a 503 unless configured. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    /** The header credentials come in. */
    public static final String AUTHORIZATION = "Authorization";

    private final Pat4j pat4j;
    private final TokenValidator validator;
    private final TokenFormat format;
    private final AccessRules rules;
    private final OrganizationSource organizations;
    private final ForeignCredentials foreign;
    private final ClientAddressResolver clientAddress;
    private final AttemptThrottle throttle;
    private final Challenges challenges;

    private RequestGate(Builder b) {
        this.pat4j = b.pat4j;
        this.validator = b.pat4j.validator();
        this.format = b.pat4j.format();
        this.rules = b.rules;
        this.organizations = b.organizations;
        this.foreign = b.foreign;
        this.clientAddress = b.clientAddress;
        this.throttle = b.throttle;
        this.challenges = new Challenges(b.realm, b.retryAfter);
    }

    /** Starts configuring a gate that checks tokens with {@code pat4j}. */
    public static Builder builder(Pat4j pat4j) {
        return new Builder(pat4j);
    }

    /** The path rules {@link #decide(RequestView)} applies. */
    public AccessRules rules() {
        return rules;
    }

    /** The foreign-credential policy. */
    public ForeignCredentials foreignCredentials() {
        return foreign;
    }

    /**
     * Step 1 alone: a 400 for a request whose raw path is not canonical, else empty. For adapters
     * that must answer before their container routes (and would otherwise answer 404 first).
     */
    public Optional<Decision.Refuse> screen(RequestView request) {
        if (!CanonicalPath.isCanonicalRaw(request.rawPath()) || CanonicalPath.segments(request.path()) == null) {
            return Optional.of(challenges.badRequest(line(LogLine.Level.INFO, request, "400",
                    "the path is not canonical")));
        }
        return Optional.empty();
    }

    /**
     * Whether this gate is the one to judge the credential of {@code request}, for frameworks
     * that let several mechanisms try a request in turn (Spring Security's
     * {@code AuthenticationConverter}): true when the request has two or more
     * {@code Authorization} headers (refused as ambiguous), or one that is a {@code Basic} or
     * {@code Bearer} credential holding, or perhaps mistyping, a pat4j token (anything but a
     * {@linkplain ForeignCredentials foreign credential}), or a value of another scheme or none
     * that holds the token prefix. False without the header, for a foreign credential, and for
     * a well-formed credential of another scheme without the prefix ({@code Digest},
     * {@code Negotiate}): those belong to the other mechanisms, whichever
     * {@linkplain #foreignCredentials() policy} this gate has. (Under
     * {@link ForeignCredentials#PASS_ON}, {@link #decide} refuses another scheme instead, since a
     * filter cannot know whether a mechanism for it follows.) Checks nothing else and never
     * validates; give a claimed request to {@link #decide}.
     */
    public boolean claims(RequestView request) {
        List<String> headers = request.headers(AUTHORIZATION);
        return headers.size() > 1 || headers.size() == 1 && CredentialShape.isClaimed(headers.get(0), format.prefix());
    }

    /** Decides {@code request} by the configured path {@linkplain #rules() rules}. */
    public Decision decide(RequestView request) {
        Optional<Decision.Refuse> malformed = screen(request);
        if (malformed.isPresent()) {
            return malformed.get();
        }
        return decideScreened(request, rules.requirementFor(request.method(), request.path()));
    }

    /**
     * Decides {@code request} for a requirement the adapter found itself (JAX-RS: from the
     * matched resource's annotations), ignoring the path rules.
     */
    public Decision decide(RequestView request, Requirement need) {
        Objects.requireNonNull(need, "need");
        Optional<Decision.Refuse> malformed = screen(request);
        return malformed.isPresent() ? malformed.get() : decideScreened(request, need);
    }

    private Decision decideScreened(RequestView request, Requirement need) {
        if (need.access() == Access.DENIED) {
            return challenges.forbidden(line(LogLine.Level.INFO, request, "403", "denied by the rules"));
        }
        List<String> headers = request.headers(AUTHORIZATION);
        for (String header : headers) {
            if (hasControlCharacter(header)) {
                return challenges.badRequest(line(LogLine.Level.INFO, request, "400",
                        "control character in the Authorization header"));
            }
        }
        if (headers.isEmpty()) {
            if (need.access() == Access.ANONYMOUS) {
                return new Decision.Proceed(null, line(LogLine.Level.DEBUG, request, "admitted", "anonymous"));
            }
            return challenges.unauthorized(line(LogLine.Level.DEBUG, request, "401", RejectionReason.MISSING + " (token -)"));
        }
        if (headers.size() > 1) {
            return challenges.unauthorized(line(LogLine.Level.INFO, request, "401",
                    headers.size() + " Authorization headers (token -)"));
        }
        String header = headers.get(0);
        if (foreign == ForeignCredentials.PASS_ON && CredentialShape.isForeign(header, format.prefix())) {
            return new Decision.PassOn(line(LogLine.Level.DEBUG, request, "passed on", "not a pat4j credential"));
        }
        String client = clientAddress.clientAddress(request);
        Duration wait = throttle.delay(client);
        if (wait != null && !wait.isZero() && !wait.isNegative()) {
            String hint = untrustedProxyHint(request, client);
            return challenges.tooManyRequests(wait, line(LogLine.Level.DEBUG, request, "429",
                    () -> "throttled client " + LogText.of(client) + hint));
        }
        String organization;
        try {
            organization = organizations.organization(request);
        } catch (IllegalArgumentException ambiguous) {
            return challenges.badRequest(line(LogLine.Level.INFO, request, "400",
                    "organization unclear: " + LogText.of(ambiguous.getMessage())));
        }
        ValidationResult result = validator.check(header, organization);
        if (result instanceof ValidationResult.Rejected rejected) {
            throttle.failed(client, rejected.reason());
            String why = rejected.reason() + " (token " + (rejected.tokenId() == null ? "-" : rejected.tokenId()) + ")";
            if (rejected.reason() == RejectionReason.STORE_UNAVAILABLE) {
                LogLine log = line(LogLine.Level.WARN, request, "503", why);
                Optional<Duration> untilProbe = pat4j.storeRetryAfter();
                return untilProbe.isPresent() ? challenges.unavailable(untilProbe.get(), log)
                        : challenges.unavailable(log);
            }
            return challenges.unauthorized(line(levelOf(rejected.reason()), request, "401", why));
        }
        TokenPrincipal principal = ((ValidationResult.Authenticated) result).principal();
        throttle.succeeded(client);
        return authorize(request, principal, need.scopes());
    }

    /**
     * The second step, for scopes an adapter learns after {@link #decide} (JAX-RS:
     * {@code @RequiresScope} once the resource is matched), with the same refusals: 401 when no
     * token authenticated the request ({@code principal} null), 403 {@code insufficient_scope}
     * naming all of {@code scopes} when the token lacks one of them, else {@link Decision.Proceed}.
     * A scope the catalog does not declare is never held.
     */
    public Decision authorize(RequestView request, @Nullable TokenPrincipal principal, List<String> scopes) {
        if (principal == null) {
            return challenges.unauthorized(line(LogLine.Level.INFO, request, "401",
                    "scopes required but no token authenticated (token -)"));
        }
        List<String> missing = new ArrayList<>(0);
        for (String scope : scopes) {
            if (!principal.hasScope(scope)) {
                missing.add(scope);
            }
        }
        if (!missing.isEmpty()) {
            return challenges.insufficientScope(scopes, line(LogLine.Level.INFO, request, "403",
                    "token " + principal.tokenId() + " of " + LogText.of(principal.owner()) + " lacks "
                            + LogText.of(missing.toString())));
        }
        return new Decision.Proceed(principal, line(LogLine.Level.DEBUG, request, "admitted",
                () -> "token " + principal.tokenId() + " of " + LogText.of(principal.owner())));
    }

    /**
     * A guess (a malformed, forged or unknown token, a wrong secret) is logged at DEBUG: the
     * validator counts each in its summary line a minute, and a line per request would let a
     * flood of forgeries flood the log too. A refusal only the holder of a real secret meets is
     * rare and worth an INFO line.
     */
    private static LogLine.Level levelOf(RejectionReason reason) {
        return switch (reason) {
            case MISSING, MALFORMED, BAD_CHECKSUM, UNKNOWN, SECRET_MISMATCH -> LogLine.Level.DEBUG;
            default -> LogLine.Level.INFO;
        };
    }

    /**
     * Behind a proxy nobody declared trusted, every client counts as the proxy, and one guesser
     * blocks them all: when a blocked request names a forwarded client that was not believed,
     * the log line says what to configure.
     */
    private static String untrustedProxyHint(RequestView request, @Nullable String client) {
        boolean forwarded = !request.headers("X-Forwarded-For").isEmpty() || !request.headers("Forwarded").isEmpty();
        if (!forwarded || client == null || !client.equals(request.remoteAddress())) {
            return "";
        }
        return " (it forwards for other clients: if it is your proxy, list it in pat4j.http.trusted-proxies,"
                + " else the throttle counts all its clients as one)";
    }

    private static LogLine line(LogLine.Level level, RequestView request, String outcome, String why) {
        return line(level, request, outcome, () -> why);
    }

    /**
     * A line built only when written: masking the path costs more than deciding an admitted
     * request. Method and path are read now, since a container may recycle the request object
     * before a late reader builds the text.
     */
    private static LogLine line(LogLine.Level level, RequestView request, String outcome, Supplier<String> why) {
        String method = request.method();
        String rawPath = request.rawPath();
        return LogLine.deferred(level, () -> "pat4j: " + outcome + " " + LogText.of(method) + " "
                + LogText.of(rawPath) + ": " + why.get());
    }

    /** RFC 9110 forbids control characters other than HTAB in a field value; containers differ in letting them in. */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** Configures a {@link RequestGate}; every setter validates its argument at once, {@link #build} the whole. */
    public static final class Builder {
        private final Pat4j pat4j;
        private AccessRules rules = AccessRules.builder().build();
        private OrganizationSource organizations = OrganizationSource.none();
        private String realm = DEFAULT_REALM;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private ForeignCredentials foreign = ForeignCredentials.REFUSE;
        private ClientAddressResolver clientAddress = ClientAddressResolver.peer();
        private AttemptThrottle throttle = AttemptThrottle.none();

        private Builder(Pat4j pat4j) {
            this.pat4j = Objects.requireNonNull(pat4j, "pat4j");
        }

        /**
         * The path rules of {@link RequestGate#decide(RequestView)}; default: none, so every
         * request needs any valid token.
         *
         * @throws IllegalArgumentException if a rule requires a scope the catalog does not declare
         */
        public Builder rules(AccessRules rules) {
            Objects.requireNonNull(rules, "rules");
            ScopeCatalog catalog = pat4j.catalog();
            for (String scope : rules.requiredScopes()) {
                if (!catalog.isDeclared(scope)) {
                    throw new IllegalArgumentException("a rule requires scope '" + scope
                            + "', which the scope catalog does not declare");
                }
            }
            this.rules = rules;
            return this;
        }

        /** Where a request's organization comes from; default {@link OrganizationSource#none()}. */
        public Builder organizationFrom(OrganizationSource source) {
            this.organizations = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The realm of the challenges: 1 to 256 printable ASCII characters (quoted and escaped); default {@code pat4j}. */
        public Builder realm(String realm) {
            this.realm = Challenges.requireRealm(realm);
            return this;
        }

        /**
         * The {@code Retry-After} of a 503 when the store failed while pat4j's circuit breaker is
         * closed: whole seconds from 1 to 86,400; default 5 seconds. While the breaker is open, a
         * 503 says instead how long until it probes the store.
         */
        public Builder retryAfter(Duration delay) {
            this.retryAfter = Challenges.requireRetryAfter(delay);
            return this;
        }

        /** What happens to a credential that is not a pat4j token; default {@link ForeignCredentials#REFUSE}. */
        public Builder foreignCredentials(ForeignCredentials policy) {
            this.foreign = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How the client address is found, for the throttle; default {@link ClientAddressResolver#peer()}. */
        public Builder clientAddress(ClientAddressResolver resolver) {
            this.clientAddress = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The failed-attempt throttle; default {@link AttemptThrottle#none()}. */
        public Builder throttle(AttemptThrottle throttle) {
            this.throttle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        public RequestGate build() {
            return new RequestGate(this);
        }
    }
}
