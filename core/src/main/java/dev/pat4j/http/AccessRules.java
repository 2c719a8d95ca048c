package dev.pat4j.http;

import dev.pat4j.http.internal.CanonicalPath;
import dev.pat4j.http.internal.PathPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which requests need which scopes: rules of HTTP method and path pattern, each requiring
 * scopes or allowing anonymous access, plus what happens to a request that no rule matches.
 * Immutable and thread-safe.
 *
 * <p>Every adapter that judges requests by path uses these rules through {@link RequestGate}
 * (the servlet filter does; the JAX-RS feature reads annotations instead).
 *
 * <p><b>Patterns</b> are matched against the decoded path below the application root (for a
 * servlet: servlet path plus path info, without the context path): {@code /health} matches exactly
 * that path; {@code *} as a middle segment matches exactly one segment
 * ({@code /orgs/*}{@code /repos}); a trailing {@code *} matches the path before it and
 * everything below ({@code /api/repos/*} matches {@code /api/repos} and
 * {@code /api/repos/1/branches}). Repeated and trailing slashes in requests are ignored.
 * When several rules match, the most specific decides: segment by segment from the left, a
 * literal beats {@code *}, which beats a trailing {@code *}; then a rule naming the method
 * beats a {@code *} rule. {@code HEAD} requests follow {@code GET} rules unless a
 * {@code HEAD} rule exists.
 *
 * <p><b>Fail closed:</b> a path that is not canonical (a {@code .} or {@code ..}
 * segment, {@code ;}, {@code %}, {@code \} or a control character left after decoding,
 * which a later layer might interpret differently) is {@link Access#DENIED} here; the
 * {@link RequestGate} answers such requests with 400 before it asks the rules. A request no rule
 * matches gets the {@linkplain Builder#unmatched unmatched} access, by default
 * {@link Access#AUTHENTICATED}: any valid token. Methods without a rule of their own for a
 * path (say {@code PUT} where only {@code GET} and {@code POST} have rules) are unmatched
 * too; choose {@link Access#DENIED} for unmatched requests to run a strict allow-list.
 */
public final class AccessRules {
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]{0,31}|\\*");

    /** What a request needs to pass. */
    public enum Access {
        /** No token needed; a token that is sent must still be valid. */
        ANONYMOUS,
        /** A valid token holding every one of the required scopes (any valid token if none). */
        AUTHENTICATED,
        /** Refused (403) whatever the token. */
        DENIED
    }

    /**
     * What one request needs: an access kind and, for {@link Access#AUTHENTICATED}, the scopes
     * it requires (all of them). Adapters that learn the requirement elsewhere (JAX-RS
     * annotations) hand one to {@link RequestGate#decide(RequestView, Requirement)}.
     */
    public record Requirement(Access access, List<String> scopes) {
        /** Any request passes; a credential that is sent must still be valid. */
        public static final Requirement ANONYMOUS = new Requirement(Access.ANONYMOUS, List.of());
        /** Any valid token. */
        public static final Requirement AUTHENTICATED = new Requirement(Access.AUTHENTICATED, List.of());
        /** Nobody. */
        public static final Requirement DENIED = new Requirement(Access.DENIED, List.of());


        public Requirement {
            Objects.requireNonNull(access, "access");
            scopes = List.copyOf(scopes);
            if (access != Access.AUTHENTICATED && !scopes.isEmpty()) {
                throw new IllegalArgumentException("only AUTHENTICATED requirements carry scopes");
            }
        }
    }

    private record Rule(String method, PathPattern pattern, Requirement requirement) {
    }

    private final List<Rule> rules;
    private final Requirement unmatched;

    private AccessRules(List<Rule> rules, Requirement unmatched) {
        this.rules = List.copyOf(rules);
        this.unmatched = unmatched;
    }

    /** Starts an empty rule set whose unmatched requests need any valid token. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a request with this method and decoded path (below the application root) needs.
     * Never null; {@link Access#DENIED} for a path that is not canonical.
     */
    public Requirement requirementFor(String method, String path) {
        Objects.requireNonNull(method, "method");
        List<String> segments = CanonicalPath.segments(path);
        if (segments == null) {
            return Requirement.DENIED;
        }
        Rule best = null;
        int bestMethodRank = -1;
        for (Rule rule : rules) {
            int methodRank = methodRank(rule.method, method);
            if (methodRank < 0 || !rule.pattern.matches(segments)) {
                continue;
            }
            int cmp = best == null ? 1 : rule.pattern.compareSpecificity(best.pattern);
            if (cmp > 0 || (cmp == 0 && methodRank > bestMethodRank)) {
                best = rule;
                bestMethodRank = methodRank;
            }
        }
        return best == null ? unmatched : best.requirement;
    }

    /** Every scope name some rule requires, in rule order, each once: for checking them against a catalog. */
    public java.util.Set<String> requiredScopes() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Rule rule : rules) {
            names.addAll(rule.requirement.scopes());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /** 2: the rule names the method; 1: a GET rule applied to HEAD; 0: a {@code *} rule; -1: no match. */
    private static int methodRank(String ruleMethod, String method) {
        if (ruleMethod.equals(method)) {
            return 2;
        }
        if (ruleMethod.equals("GET") && method.equals("HEAD")) {
            return 1;
        }
        return ruleMethod.equals("*") ? 0 : -1;
    }

    /** Collects rules; every call validates its arguments at once. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private Access unmatched = Access.AUTHENTICATED;

        private Builder() {
        }

        /**
         * Requests with {@code method} ({@code GET}, {@code POST}, … or {@code *} for any) on
         * paths matching {@code pattern} need a valid token holding all of {@code scopes}
         * (directly or by implication; at least one scope).
         */
        public Builder require(String method, String pattern, String... scopes) {
            Objects.requireNonNull(scopes, "scopes");
            if (scopes.length == 0) {
                throw new IllegalArgumentException("rule " + method + " " + pattern + " names no scope");
            }
            for (String scope : scopes) {
                if (scope == null || scope.isBlank()) {
                    throw new IllegalArgumentException("rule " + method + " " + pattern + " has a blank scope");
                }
            }
            return add(method, pattern, new Requirement(Access.AUTHENTICATED, Arrays.asList(scopes)));
        }

        /** Requests of any method on paths matching {@code pattern} pass without a token. */
        public Builder anonymous(String pattern) {
            return add("*", pattern, new Requirement(Access.ANONYMOUS, List.of()));
        }

        /** Requests of any method on paths matching {@code pattern} are refused with 403. */
        public Builder deny(String pattern) {
            return add("*", pattern, Requirement.DENIED);
        }

        /** What requests that no rule matches need; default {@link Access#AUTHENTICATED} (any valid token). */
        public Builder unmatched(Access access) {
            this.unmatched = Objects.requireNonNull(access, "access");
            return this;
        }

        /** The rules collected so far; the builder can go on collecting. */
        public AccessRules build() {
            return new AccessRules(rules, new Requirement(unmatched, List.of()));
        }

        private Builder add(String method, String pattern, Requirement requirement) {
            if (method == null || !METHOD.matcher(method).matches()) {
                throw new IllegalArgumentException("HTTP method '" + method + "' is not an upper-case method name or '*'");
            }
            PathPattern compiled = PathPattern.compile(pattern);
            for (Rule rule : rules) {
                if (rule.method.equals(method) && rule.pattern.equals(compiled)) {
                    throw new IllegalArgumentException("two rules for " + method + " " + pattern);
                }
            }
            rules.add(new Rule(method, compiled, requirement));
            return this;
        }
    }
}
