package dev.pat4j.web.internal.forward;

import dev.pat4j.http.AccessRules.Access;
import dev.pat4j.http.AccessRules.Requirement;
import dev.pat4j.http.Decision;
import dev.pat4j.http.LogLine;
import dev.pat4j.http.RequestGate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one forward-authentication subrequest: finds what the original request needs (its
 * rule, plus the scopes the proxy's header requires), lets core's {@link RequestGate} decide,
 * and translates the {@link Decision} into the proxy's terms: 200 with the identity headers, or
 * the refusal exactly as the servlet filter sends it. Immutable; thread-safe.
 */
public final class ForwardAuthEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger("dev.pat4j.web.ForwardAuthServlet");
    /** The characters of scope names as the catalog's grammar allows them. */
    private static final Pattern SCOPE_CHARACTERS = Pattern.compile("[A-Za-z0-9:._*-]");
    /** Longer than any list of scopes a proxy configuration names. */
    private static final int MAX_REQUIRED_LENGTH = 2048;
    private static final Pattern SEPARATORS = Pattern.compile("[ ,]+");
    private static final Decision.Header NO_STORE = new Decision.Header("Cache-Control", "no-store");

    private final RequestGate gate;
    private final AnswerHeaders answer;
    private final String requiredScopeHeader;

    public ForwardAuthEndpoint(RequestGate gate, AnswerHeaders answer, String requiredScopeHeader) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.answer = Objects.requireNonNull(answer, "answer");
        this.requiredScopeHeader = Objects.requireNonNull(requiredScopeHeader, "requiredScopeHeader");
    }

    public RequestGate gate() {
        return gate;
    }

    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Decision decision = decide(ForwardedRequest.of(request));
        decision.log().writeTo(LOG);
        if (decision instanceof Decision.Proceed proceed) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setHeader(NO_STORE.name(), NO_STORE.value());
            if (proceed.principal() != null) {
                answer.write(response, proceed.principal());
            }
            response.setContentLength(0);
        } else if (decision instanceof Decision.Refuse refuse) {
            write(response, refuse);
        } else {
            // the gate is built with ForeignCredentials.REFUSE: passing on would let any credential through
            throw new IllegalStateException("forward authentication never passes a credential on");
        }
    }

    Decision decide(ForwardedRequest request) {
        if (!request.hasValidMethod()) {
            return badRequest("the original method is missing, repeated or malformed");
        }
        Set<String> extra = new LinkedHashSet<>();
        for (String value : request.headers(requiredScopeHeader)) {
            if (!isScopeList(value)) {
                return badRequest("malformed " + requiredScopeHeader + " header");
            }
            for (String scope : SEPARATORS.split(value.strip())) {
                if (!scope.isEmpty()) {
                    extra.add(scope);
                }
            }
        }
        return gate.decide(request, requirement(gate.rules().requirementFor(request.method(), request.path()), extra));
    }

    /** The rule's requirement made stricter by the header's scopes: a denied path stays denied. */
    static Requirement requirement(Requirement rule, Set<String> extra) {
        if (extra.isEmpty() || rule.access() == Access.DENIED) {
            return rule;
        }
        Set<String> all = new LinkedHashSet<>(rule.scopes());
        all.addAll(extra);
        return new Requirement(Access.AUTHENTICATED, List.copyOf(all));
    }

    /** Scope names separated by spaces or commas, checked character by character (no regex backtracking on hostile input). */
    private static boolean isScopeList(String value) {
        if (value.length() > MAX_REQUIRED_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != ',' && !SCOPE_CHARACTERS.matcher(String.valueOf(c)).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Decision.Refuse badRequest(String why) {
        return new Decision.Refuse(400, List.of(NO_STORE), Decision.Body.BAD_REQUEST,
                new LogLine(LogLine.Level.INFO, "pat4j: 400 forward authentication: " + why));
    }

    private static void write(HttpServletResponse response, Decision.Refuse refuse) throws IOException {
        response.setStatus(refuse.status());
        for (Decision.Header header : refuse.headers()) {
            response.addHeader(header.name(), header.value());
        }
        byte[] body = refuse.body().bytes();
        response.setContentType(Decision.Body.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
