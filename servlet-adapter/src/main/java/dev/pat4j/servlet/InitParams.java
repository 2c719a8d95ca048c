package dev.pat4j.servlet;

import dev.pat4j.Pat4j;
import dev.pat4j.http.AccessRules;
import dev.pat4j.http.ForeignCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the {@code web.xml} init-parameters of {@link Pat4jFilter} strictly: an unknown
 * parameter name, a malformed rule or an unknown scope is an error naming the parameter and
 * the entry, never silently ignored (a misspelt {@code rules} would otherwise open every path
 * to any valid token).
 *
 * <pre>
 * rules           METHOD PATTERN SCOPE [SCOPE...], entries separated by new lines or ';'
 * anonymous       path patterns separated by spaces, commas or new lines
 * deny            path patterns separated by spaces, commas or new lines
 * unmatched       authenticated (default) | anonymous | denied
 * organization    none (default) | header:NAME | path-segment:INDEX
 * realm           the challenge realm (default pat4j)
 * retry-after     seconds for Retry-After on 503 (default 5)
 * foreign-credentials  refuse (default) | pass-on
 * pat4j-attribute the ServletContext attribute holding the Pat4j (default dev.pat4j.Pat4j)
 * </pre>
 */
final class InitParams {
    static final String RULES = "rules";
    static final String ANONYMOUS = "anonymous";
    static final String DENY = "deny";
    static final String UNMATCHED = "unmatched";
    static final String ORGANIZATION = "organization";
    static final String REALM = "realm";
    static final String RETRY_AFTER = "retry-after";
    static final String FOREIGN_CREDENTIALS = "foreign-credentials";
    static final String PAT4J_ATTRIBUTE = "pat4j-attribute";

    private static final Set<String> KNOWN =
            Set.of(RULES, ANONYMOUS, DENY, UNMATCHED, ORGANIZATION, REALM, RETRY_AFTER, FOREIGN_CREDENTIALS, PAT4J_ATTRIBUTE);
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile("[;\\r\\n]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,]+");

    private InitParams() {
    }

    /**
     * A filter builder configured from {@code params}, with the {@link Pat4j} looked up through
     * {@code contextAttribute}.
     *
     * @throws IllegalArgumentException naming the parameter and entry that is wrong
     */
    static Pat4jFilter.Builder configure(Map<String, String> params, Function<String, Object> contextAttribute) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown init-param '" + name + "'; known: "
                        + String.join(", ", List.of(RULES, ANONYMOUS, DENY, UNMATCHED, ORGANIZATION, REALM,
                        RETRY_AFTER, FOREIGN_CREDENTIALS, PAT4J_ATTRIBUTE)));
            }
        }
        Pat4jFilter.Builder builder = Pat4jFilter.builder(pat4j(params, contextAttribute));
        rules(params.get(RULES), builder);
        for (String pattern : list(params.get(ANONYMOUS))) {
            apply(ANONYMOUS, pattern, () -> builder.anonymous(pattern));
        }
        for (String pattern : list(params.get(DENY))) {
            apply(DENY, pattern, () -> builder.deny(pattern));
        }
        String unmatched = value(params, UNMATCHED);
        if (unmatched != null) {
            builder.unmatched(access(unmatched));
        }
        String organization = value(params, ORGANIZATION);
        if (organization != null) {
            apply(ORGANIZATION, organization, () -> builder.organizationFrom(organization(organization)));
        }
        String realm = params.get(REALM);
        if (realm != null) {
            apply(REALM, realm, () -> builder.realm(realm.strip()));
        }
        String retryAfter = value(params, RETRY_AFTER);
        if (retryAfter != null) {
            apply(RETRY_AFTER, retryAfter, () -> builder.retryAfter(Duration.ofSeconds(seconds(retryAfter))));
        }
        String foreign = value(params, FOREIGN_CREDENTIALS);
        if (foreign != null) {
            builder.foreignCredentials(foreign(foreign));
        }
        return builder;
    }

    private static ForeignCredentials foreign(String text) {
        return switch (text) {
            case "refuse" -> ForeignCredentials.REFUSE;
            case "pass-on" -> ForeignCredentials.PASS_ON;
            default -> throw new IllegalArgumentException("init-param '" + FOREIGN_CREDENTIALS + "' is '" + text
                    + "'; expected refuse or pass-on");
        };
    }

    private static Pat4j pat4j(Map<String, String> params, Function<String, Object> contextAttribute) {
        String attribute = value(params, PAT4J_ATTRIBUTE);
        if (attribute == null) {
            attribute = Pat4jFilter.DEFAULT_CONTEXT_ATTRIBUTE;
        }
        Object found = contextAttribute.apply(attribute);
        if (found == null) {
            throw new IllegalArgumentException("no Pat4j in ServletContext attribute '" + attribute
                    + "'; set it (e.g. in a ServletContextListener) before filters start");
        }
        if (!(found instanceof Pat4j pat4j)) {
            throw new IllegalArgumentException("ServletContext attribute '" + attribute + "' holds a "
                    + found.getClass().getName() + ", not a dev.pat4j.Pat4j");
        }
        return pat4j;
    }

    private static void rules(String text, Pat4jFilter.Builder builder) {
        if (text == null) {
            return;
        }
        int number = 0;
        for (String entry : ENTRY_SEPARATOR.split(text)) {
            String rule = entry.strip();
            if (rule.isEmpty()) {
                continue;
            }
            number++;
            String[] words = WHITESPACE.split(rule);
            String where = "init-param '" + RULES + "', rule " + number + " '" + rule + "': ";
            if (words.length < 3) {
                throw new IllegalArgumentException(where + "expected METHOD PATTERN SCOPE [SCOPE...], "
                        + "e.g. 'GET /api/repos/* code:read'");
            }
            String[] scopes = new String[words.length - 2];
            System.arraycopy(words, 2, scopes, 0, scopes.length);
            try {
                builder.require(words[0], words[1], scopes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
    }

    private static AccessRules.Access access(String text) {
        return switch (text) {
            case "authenticated" -> AccessRules.Access.AUTHENTICATED;
            case "anonymous" -> AccessRules.Access.ANONYMOUS;
            case "denied" -> AccessRules.Access.DENIED;
            default -> throw new IllegalArgumentException("init-param '" + UNMATCHED + "' is '" + text
                    + "'; expected authenticated, anonymous or denied");
        };
    }

    private static OrganizationResolver organization(String text) {
        if (text.equals("none")) {
            return OrganizationResolver.none();
        }
        if (text.startsWith("header:")) {
            return OrganizationResolver.header(text.substring("header:".length()));
        }
        if (text.startsWith("path-segment:")) {
            return OrganizationResolver.pathSegment(index(text.substring("path-segment:".length())));
        }
        throw new IllegalArgumentException("expected none, header:NAME or path-segment:INDEX");
    }

    private static int index(String text) {
        if (!text.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("path segment index '" + text + "' is not a number from 0 to 999");
        }
        return Integer.parseInt(text);
    }

    private static long seconds(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("expected whole seconds from 1 to 86400");
        }
        return Long.parseLong(text);
    }

    private static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String item : LIST_SEPARATOR.split(text.strip())) {
                if (!item.isEmpty()) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    /** A trimmed value, or null if the parameter is absent; present but blank is an error. */
    private static String value(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        String stripped = v.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("init-param '" + name + "' is blank");
        }
        return stripped;
    }

    private static void apply(String param, String value, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("init-param")) {
                throw e;
            }
            throw new IllegalArgumentException("init-param '" + param + "' value '" + value + "': " + e.getMessage(), e);
        }
    }
}
