package dev.pat4j.settings;

import dev.pat4j.hash.SecretHashing;
import dev.pat4j.http.AddressRange;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.SlidingWindowThrottle;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeDefinition;
import dev.pat4j.token.TokenFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns settings entries (from a file or {@code Properties}) and environment overrides into
 * {@link Pat4jSettings}, strictly: every key known, every value checked, the first problem one
 * {@link SettingsException} that names where it is and the key. One reader per read; not
 * thread-safe, and never shared.
 */
final class SettingsReader {
    static final String PREFIX = "pat4j.";
    static final String SCOPE_PREFIX = "pat4j.scope.";
    static final String ENV_PREFIX = "PAT4J_";
    /** Variables starting with PAT4J_ that are not overrides. */
    static final Set<String> OTHER_VARIABLES = Set.of("PAT4J_CONFIG");
    static final List<String> SCOPE_ATTRIBUTES = List.of("label", "group", "implies", "high-privilege");

    /** Every key but the scopes', in the order the README documents them. */
    static final List<String> KEYS = List.of(
            "pat4j.token.prefix",
            "pat4j.scopes.preset",
            "pat4j.hashing.algorithm", "pat4j.hashing.pepper", "pat4j.hashing.pepper-id",
            "pat4j.hashing.previous-peppers", "pat4j.hashing.argon2.memory-kib", "pat4j.hashing.argon2.iterations",
            "pat4j.hashing.argon2.parallelism",
            "pat4j.policy.max-lifespan", "pat4j.policy.extension-from", "pat4j.policy.allow-full-access",
            "pat4j.policy.allow-all-organizations", "pat4j.policy.max-active-per-owner",
            "pat4j.cache.maximum-size", "pat4j.cache.ttl", "pat4j.cache.negative-maximum-size",
            "pat4j.cache.negative-ttl", "pat4j.cache.id-filter", "pat4j.cache.id-filter-expected-size",
            "pat4j.cache.id-filter-rebuild-interval", "pat4j.cache.unseen-ids-per-second",
            "pat4j.cache.unseen-id-burst", "pat4j.cache.rejection-summary-interval",
            "pat4j.store.url", "pat4j.store.user", "pat4j.store.password", "pat4j.store.change-poll-interval",
            "pat4j.store.last-used-interval", "pat4j.store.query-timeout", "pat4j.store.connection-timeout",
            "pat4j.store.breaker.failures", "pat4j.store.breaker.cool-down",
            "pat4j.notifications.expiry-window", "pat4j.notifications.interval",
            "pat4j.notices.expiry-schedule", "pat4j.notices.delivery-interval", "pat4j.notices.lease",
            "pat4j.notices.backoff", "pat4j.notices.max-backoff",
            "pat4j.organizations.source",
            "pat4j.mail.smtp.host", "pat4j.mail.smtp.port", "pat4j.mail.smtp.tls", "pat4j.mail.smtp.user",
            "pat4j.mail.smtp.password", "pat4j.mail.from", "pat4j.mail.from-name", "pat4j.mail.product-name",
            "pat4j.mail.self-service-url", "pat4j.mail.kinds",
            "pat4j.webhooks.url", "pat4j.webhooks.secret", "pat4j.webhooks.kinds",
            "pat4j.throttle.enabled", "pat4j.throttle.failures", "pat4j.throttle.window", "pat4j.throttle.block",
            "pat4j.throttle.exempt", "pat4j.throttle.ipv6-prefix", "pat4j.throttle.max-addresses",
            "pat4j.http.trusted-proxies", "pat4j.http.forwarded-header");
    /** Keys whose values may be secrets (mistakenly written literally): never echoed. */
    private static final Set<String> SECRET_KEYS = Set.of("pat4j.hashing.pepper", "pat4j.hashing.previous-peppers",
            "pat4j.store.password", "pat4j.store.url", "pat4j.mail.smtp.password", "pat4j.webhooks.secret");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d_]{0,18}");
    private static final Pattern LIST = Pattern.compile("[\\s,]+");

    /** One entry's text and where it came from ({@code acme.properties:12}, {@code environment variable X}). */
    record Value(String text, String origin) {
    }

    private final Map<String, Value> values;
    private final Map<String, String> env;
    private final Set<String> referencedVariables = new HashSet<>();

    private SettingsReader(Map<String, Value> values, Map<String, String> env) {
        this.values = values;
        this.env = env;
    }

    static Pat4jSettings read(Map<String, Value> entries, Map<String, String> env) {
        Map<String, String> snapshot = Map.copyOf(env);
        Map<String, Value> values = new LinkedHashMap<>(entries);
        Map<String, Set<String>> declared = checkKeys(values);
        applyOverrides(values, declared.keySet(), snapshot);
        SettingsReader reader = new SettingsReader(values, snapshot);
        Pat4jSettings settings = reader.settings(declared);
        reader.refuseStrayVariables();
        return settings;
    }

    /** The environment variable that overrides {@code key}. */
    static String environmentName(String key) {
        String rest = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
        return ENV_PREFIX + rest.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').replace(':', '_');
    }

    // ---- keys ------------------------------------------------------------------------------------

    /** Checks every key; returns the declared scopes (those with a label) and the attributes each sets. */
    private static Map<String, Set<String>> checkKeys(Map<String, Value> values) {
        Map<String, Set<String>> scopes = new TreeMap<>();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            String key = e.getKey();
            if (KEYS.contains(key)) {
                continue;
            }
            if (key.startsWith(SCOPE_PREFIX)) {
                String rest = key.substring(SCOPE_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                String attribute = dot < 0 ? "" : rest.substring(dot + 1);
                if (!SCOPE_ATTRIBUTES.contains(attribute)) {
                    String meant = closest(attribute, SCOPE_ATTRIBUTES, 3);
                    throw error(e.getValue(), key, "unknown key: a scope's keys are pat4j.scope.<name>.label, .group,"
                            + " .implies and .high-privilege" + (meant == null || dot < 0 ? ""
                            : " (did you mean " + SCOPE_PREFIX + name + "." + meant + "?)"));
                }
                if (!ScopeCatalog.isValidName(name)) {
                    throw error(e.getValue(), key, "'" + name + "' is not a scope name: lower-case letters, digits"
                            + " and '_' in segments separated by '.', ':' or '-', starting with a letter (such as"
                            + " code:read, repo, read:org or vso.code_write)");
                }
                scopes.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(attribute);
                continue;
            }
            String meant = closest(key, KEYS, Math.max(3, key.length() / 6));
            throw error(e.getValue(), key, "unknown key" + (meant == null ? (key.startsWith(PREFIX) ? ""
                    : " (every key starts with pat4j.)") : " (did you mean " + meant + "?)"));
        }
        for (Map.Entry<String, Set<String>> s : scopes.entrySet()) {
            if (!s.getValue().contains("label")) {
                String name = s.getKey();
                String key = SCOPE_PREFIX + name + "." + s.getValue().iterator().next();
                throw error(values.get(key), key, "scope '" + name + "' is not declared: a scope is declared by its"
                        + " label, " + SCOPE_PREFIX + name + ".label");
            }
        }
        return scopes;
    }

    /** Environment variables override single keys: any fixed key, any attribute of a declared scope. */
    private static void applyOverrides(Map<String, Value> values, Set<String> scopes, Map<String, String> env) {
        Map<String, List<String>> byVariable = new HashMap<>();
        for (String key : KEYS) {
            byVariable.computeIfAbsent(environmentName(key), v -> new ArrayList<>()).add(key);
        }
        for (String scope : scopes) {
            for (String attribute : SCOPE_ATTRIBUTES) {
                String key = SCOPE_PREFIX + scope + "." + attribute;
                byVariable.computeIfAbsent(environmentName(key), v -> new ArrayList<>()).add(key);
            }
        }
        for (String variable : new TreeSet<>(env.keySet())) {
            List<String> keys = byVariable.get(variable);
            if (keys == null) {
                continue;
            }
            Value value = new Value(env.get(variable), "environment variable " + variable);
            if (keys.size() > 1) {
                throw error(value, keys.get(0), "overrides more than one key (" + String.join(", ", keys)
                        + "): rename a scope so that their variables differ");
            }
            values.put(keys.get(0), value);
        }
    }

    /** Every PAT4J_ variable must be an override, the CLI's PAT4J_CONFIG, or one an env: reference names. */
    private void refuseStrayVariables() {
        Set<String> known = new HashSet<>(OTHER_VARIABLES);
        known.addAll(referencedVariables);
        for (String key : values.keySet()) {
            known.add(environmentName(key));
        }
        for (String key : KEYS) {
            known.add(environmentName(key));
        }
        for (String variable : new TreeSet<>(env.keySet())) {
            if (variable.startsWith(ENV_PREFIX) && !known.contains(variable)) {
                List<String> names = new ArrayList<>();
                for (String key : KEYS) {
                    names.add(environmentName(key));
                }
                String meant = closest(variable, names, Math.max(3, variable.length() / 6));
                throw new SettingsException(null, "environment variable " + variable + ": overrides no settings key"
                        + (meant == null ? " (an override's name is its key upper-cased, '.', '-' and ':' as '_')"
                        : " (did you mean " + meant + "?)"));
            }
        }
    }

    // ---- sections --------------------------------------------------------------------------------

    private Pat4jSettings settings(Map<String, Set<String>> declared) {
        String prefix = value("pat4j.token.prefix", TokenFormat.DEFAULT_PREFIX, p -> {
            TokenFormat.withPrefix(p);
            return p;
        });
        ScopeCatalog catalog = catalog(declared.keySet());
        Pat4jSettings.Hashing hashing = hashing();
        Pat4jSettings.Notices notices = notices();
        return new Pat4jSettings(catalog, prefix, hashing, policy(), cache(), store(), notifications(notices),
                value("pat4j.organizations.source", Pat4jSettings.Organizations.none(),
                        Pat4jSettings.Organizations::new), notices, mail(), webhooks(), throttle(), http());
    }

    private Pat4jSettings.Throttle throttle() {
        Pat4jSettings.Throttle d = Pat4jSettings.Throttle.defaults();
        return new Pat4jSettings.Throttle(
                value("pat4j.throttle.enabled", d.enabled(), SettingsReader::bool),
                value("pat4j.throttle.failures", d.failures(),
                        t -> (int) number(t, 1, SlidingWindowThrottle.MAX_FAILURES)),
                value("pat4j.throttle.window", d.window(), SettingsReader::atMostADay),
                value("pat4j.throttle.block", d.block(), SettingsReader::atMostADay),
                value("pat4j.throttle.exempt", d.exempt(), AddressRange::parseList),
                value("pat4j.throttle.ipv6-prefix", d.ipv6Prefix(), t -> (int) number(t, 1, 128)),
                value("pat4j.throttle.max-addresses", d.maxAddresses(), t -> number(t, 1, 10_000_000)));
    }

    private Pat4jSettings.Http http() {
        Pat4jSettings.Http d = Pat4jSettings.Http.defaults();
        return new Pat4jSettings.Http(
                value("pat4j.http.trusted-proxies", d.trustedProxies(), AddressRange::parseList),
                value("pat4j.http.forwarded-header", d.forwardedHeader(),
                        t -> oneOf(t, "x-forwarded-for", "forwarded").equals("forwarded")
                                ? ClientAddressResolver.ForwardedHeader.FORWARDED
                                : ClientAddressResolver.ForwardedHeader.X_FORWARDED_FOR));
    }

    private static Duration atMostADay(String text) {
        Duration d = duration(text);
        if (d.compareTo(SlidingWindowThrottle.MAX_DURATION) > 0) {
            throw new IllegalArgumentException("expected a duration of at most a day (1d)");
        }
        return d;
    }

    private Pat4jSettings.Mail mail() {
        String host = value("pat4j.mail.smtp.host", null, SettingsReader::hostName);
        int port = value("pat4j.mail.smtp.port", 0, t -> (int) number(t, 1, 65_535));
        String user = value("pat4j.mail.smtp.user", null, SettingsReader::oneLine);
        // as the mail sender's own default: a login is never offered without TLS
        String tls = value("pat4j.mail.smtp.tls", user == null ? "opportunistic" : "starttls",
                t -> oneOf(t, Pat4jSettings.Mail.TLS_MODES.toArray(String[]::new)));
        SecretReference password = value("pat4j.mail.smtp.password", null,
                t -> reference("pat4j.mail.smtp.password", t));
        String from = value("pat4j.mail.from", null, SettingsReader::address);
        String fromName = value("pat4j.mail.from-name", null, SettingsReader::oneLine);
        String productName = value("pat4j.mail.product-name", null, SettingsReader::oneLine);
        URI page = value("pat4j.mail.self-service-url", null, SettingsReader::webUrl);
        List<String> kinds = value("pat4j.mail.kinds", List.of(), SettingsReader::kinds);
        String blamed = password != null ? "pat4j.mail.smtp.password" : user != null ? "pat4j.mail.smtp.user"
                : "pat4j.mail.smtp.host";
        return section(blamed, () -> new Pat4jSettings.Mail(host, port, tls, user, password, from, fromName,
                productName, page, kinds));
    }

    private Pat4jSettings.Webhooks webhooks() {
        URI url = value("pat4j.webhooks.url", null, SettingsReader::webUrl);
        SecretReference secret = value("pat4j.webhooks.secret", null, t -> reference("pat4j.webhooks.secret", t));
        List<String> kinds = value("pat4j.webhooks.kinds", List.of(), SettingsReader::kinds);
        return section(url == null ? "pat4j.webhooks.secret" : "pat4j.webhooks.url",
                () -> new Pat4jSettings.Webhooks(url, secret, kinds));
    }

    /** A section whose keys are each well-formed but do not fit together is refused, naming {@code key}. */
    private <T> T section(String key, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw error(values.get(key), key, e.getMessage());
        }
    }

    private static String hostName(String text) {
        if (!text.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            throw new IllegalArgumentException("expected a host name or address");
        }
        return text;
    }

    private static String address(String text) {
        if (!text.matches("[^\\s@<>\",;]+@[^\\s@<>\",;]+")) {
            throw new IllegalArgumentException("expected one mail address, such as notices@acme.example");
        }
        return text;
    }

    private static String oneLine(String text) {
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("expected one line of text");
        }
        return text;
    }

    private static URI webUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an http or https URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("expected an http or https URL with a host and no user or password");
        }
        return uri;
    }

    /** Notice kind names, separated by commas or spaces. */
    private static List<String> kinds(String text) {
        List<String> out = new ArrayList<>();
        for (String item : LIST.split(text.strip())) {
            if (!item.isEmpty()) {
                new NoticeKind(item);
                out.add(item);
            }
        }
        return out;
    }

    private ScopeCatalog catalog(Set<String> names) {
        String preset = value("pat4j.scopes.preset", "none", p -> oneOf(p, "none", "azure-devops"));
        Map<String, ScopeDefinition> definitions = new LinkedHashMap<>();
        if (preset.equals("azure-devops")) {
            for (ScopeDefinition d : AzureDevOpsScopes.catalog().definitions()) {
                if (!d.name().equals(ScopeCatalog.FULL_ACCESS)) {
                    definitions.put(d.name(), d);
                }
            }
        }
        Set<String> own = new TreeSet<>(names);
        for (String name : own) {
            String base = SCOPE_PREFIX + name + ".";
            String label = value(base + "label", name, l -> new ScopeDefinition(name, l, null, false, Set.of()).label());
            String group = value(base + "group", null, g -> new ScopeDefinition(name, name, g, false, Set.of()).group());
            boolean high = value(base + "high-privilege", false, SettingsReader::bool);
            // a preset scope that the file declares again keeps the preset's implications
            ScopeDefinition inherited = definitions.get(name);
            definitions.put(name, new ScopeDefinition(name, label, group, high,
                    inherited == null ? Set.of() : inherited.implies()));
        }
        for (String name : own) {
            String key = SCOPE_PREFIX + name + ".implies";
            Set<String> implies = value(key, Set.of(), text -> {
                Set<String> targets = new TreeSet<>();
                for (String target : LIST.split(text.strip())) {
                    if (target.isEmpty()) {
                        continue;
                    }
                    if (!definitions.containsKey(target)) {
                        throw new IllegalArgumentException("implies '" + target + "', which is not declared (declare it"
                                + " with " + SCOPE_PREFIX + target + ".label" + (target.equals(ScopeCatalog.FULL_ACCESS)
                                ? "; '*' implies every scope, nothing implies it" : "") + ")");
                    }
                    targets.add(target);
                }
                return targets;
            });
            ScopeDefinition d = definitions.get(name);
            Set<String> all = new TreeSet<>(d.implies());
            all.addAll(implies);
            definitions.put(name, d.withImplies(all));
        }
        if (definitions.isEmpty()) {
            throw error(values.get("pat4j.scopes.preset"), "pat4j.scopes.preset", "no scope is declared: declare the"
                    + " application's scopes (pat4j.scope.<name>.label = ...) or set pat4j.scopes.preset=azure-devops");
        }
        refuseCycles(definitions);
        ScopeCatalog.Builder builder = ScopeCatalog.builder();
        definitions.values().forEach(builder::scope);
        return builder.build();
    }

    private void refuseCycles(Map<String, ScopeDefinition> definitions) {
        Map<String, Integer> state = new HashMap<>();
        for (String name : definitions.keySet()) {
            visit(name, definitions, state, new ArrayList<>());
        }
    }

    private void visit(String name, Map<String, ScopeDefinition> definitions, Map<String, Integer> state,
                       List<String> path) {
        Integer s = state.get(name);
        if (s != null && s == 2) {
            return;
        }
        path.add(name);
        if (s != null) {
            String key = SCOPE_PREFIX + path.get(path.size() - 2) + ".implies";
            List<String> cycle = path.subList(path.indexOf(name), path.size());
            throw error(values.get(key), key, "the implications form a cycle: " + String.join(" → ", cycle));
        }
        state.put(name, 1);
        for (String target : definitions.get(name).implies()) {
            visit(target, definitions, state, path);
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
    }

    private Pat4jSettings.Hashing hashing() {
        String algorithm = value("pat4j.hashing.algorithm", SecretHashing.SHA_256,
                a -> oneOf(a, Pat4jSettings.Hashing.ALGORITHMS.toArray(String[]::new)));
        boolean hmac = algorithm.equals(SecretHashing.HMAC_SHA_256);
        SecretReference pepper = value("pat4j.hashing.pepper", null, t -> reference("pat4j.hashing.pepper", t));
        String pepperId = value("pat4j.hashing.pepper-id", null, id -> {
            if (!SecretHashing.isValidPepperId(id)) {
                throw new IllegalArgumentException("'" + id + "' is not a pepper id: 1 to 32 letters, digits, '.',"
                        + " '_' or '-', starting with a letter or digit");
            }
            return id;
        });
        if (hmac && pepper == null) {
            throw error(values.get("pat4j.hashing.algorithm"), "pat4j.hashing.pepper", "hmac-sha256 needs a pepper:"
                    + " pat4j.hashing.pepper = env:NAME or file:PATH");
        }
        if (!hmac && pepper != null) {
            throw error(values.get("pat4j.hashing.pepper"), "pat4j.hashing.pepper", "a pepper is used only by"
                    + " pat4j.hashing.algorithm = hmac-sha256 (an older pepper goes in pat4j.hashing.previous-peppers)");
        }
        if (hmac && pepperId == null) {
            throw error(values.get("pat4j.hashing.pepper"), "pat4j.hashing.pepper-id", "the pepper needs an id, stored"
                    + " beside each hash so that the pepper can be rotated: pat4j.hashing.pepper-id = 2024a, say");
        }
        if (!hmac && pepperId != null) {
            throw error(values.get("pat4j.hashing.pepper-id"), "pat4j.hashing.pepper-id", "only a pepper has an id");
        }
        Map<String, SecretReference> previous = value("pat4j.hashing.previous-peppers", Map.of(), text -> {
            Map<String, SecretReference> out = new TreeMap<>();
            for (String item : text.split(",")) {
                String entry = item.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                String id = colon < 0 ? "" : entry.substring(0, colon).strip();
                if (!SecretHashing.isValidPepperId(id) || entry.startsWith("env:") || entry.startsWith("file:")) {
                    throw new IllegalArgumentException("expected ID:env:NAME or ID:file:PATH, separated by commas");
                }
                if (id.equals(pepperId) || out.containsKey(id)) {
                    throw new IllegalArgumentException("pepper id '" + id + "' is given twice");
                }
                out.put(id, reference("pat4j.hashing.previous-peppers", entry.substring(colon + 1)));
            }
            return out;
        });
        boolean argon = algorithm.equals(SecretHashing.ARGON2ID);
        for (String key : List.of("pat4j.hashing.argon2.memory-kib", "pat4j.hashing.argon2.iterations",
                "pat4j.hashing.argon2.parallelism")) {
            if (!argon && values.containsKey(key)) {
                throw error(values.get(key), key, "only used with pat4j.hashing.algorithm = argon2id");
            }
        }
        int memory = value("pat4j.hashing.argon2.memory-kib", 19_456, t -> (int) number(t, 8, 4_194_304));
        int iterations = value("pat4j.hashing.argon2.iterations", 2, t -> (int) number(t, 1, 100));
        int parallelism = value("pat4j.hashing.argon2.parallelism", 1, t -> (int) number(t, 1, 64));
        Pat4jSettings.Hashing hashing = new Pat4jSettings.Hashing(algorithm, pepperId, pepper, previous, memory,
                iterations, parallelism);
        try {
            hashing.secretHashing(); // reads the peppers now, so that a missing one is said at load
        } catch (SettingsException e) {
            Value where = e.key() == null ? null : values.get(e.key());
            throw where == null ? e : new SettingsException(e.key(), where.origin() + ": " + e.getMessage());
        }
        return hashing;
    }

    private SecretReference reference(String key, String text) {
        SecretReference reference = SecretReference.parse(key, text, env);
        if (reference.kind() == SecretReference.Kind.ENV) {
            referencedVariables.add(reference.name());
        }
        return reference;
    }

    private TokenPolicy policy() {
        TokenPolicy d = TokenPolicy.defaults();
        return new TokenPolicy(
                value("pat4j.policy.max-lifespan", d.maxLifespan(), SettingsReader::duration),
                value("pat4j.policy.allow-full-access", d.allowFullAccess(), SettingsReader::bool),
                value("pat4j.policy.allow-all-organizations", d.allowAllOrganizations(), SettingsReader::bool),
                value("pat4j.policy.max-active-per-owner", d.maxActiveTokensPerOwner(),
                        t -> (int) number(t, 1, Integer.MAX_VALUE)),
                value("pat4j.policy.extension-from", d.extensionFrom(),
                        t -> TokenPolicy.ExtensionBase.valueOf(oneOf(t, "now", "creation").toUpperCase(Locale.ROOT))));
    }

    private Pat4jSettings.Cache cache() {
        Pat4jSettings.Cache d = Pat4jSettings.Cache.defaults();
        return new Pat4jSettings.Cache(
                value("pat4j.cache.maximum-size", d.maximumSize(), t -> number(t, 1, Long.MAX_VALUE)),
                value("pat4j.cache.ttl", d.ttl(), SettingsReader::duration),
                value("pat4j.cache.negative-maximum-size", d.negativeMaximumSize(), t -> number(t, 1, Long.MAX_VALUE)),
                value("pat4j.cache.negative-ttl", d.negativeTtl(), SettingsReader::duration),
                value("pat4j.cache.id-filter", d.idFilter(), SettingsReader::bool),
                value("pat4j.cache.id-filter-expected-size", d.idFilterExpectedSize(),
                        t -> number(t, 1, Long.MAX_VALUE)),
                value("pat4j.cache.id-filter-rebuild-interval", d.idFilterRebuildInterval(), SettingsReader::duration),
                value("pat4j.cache.unseen-ids-per-second", d.unseenIdsPerSecond(),
                        t -> (int) number(t, 1, Integer.MAX_VALUE)),
                value("pat4j.cache.unseen-id-burst", d.unseenIdBurst(), t -> (int) number(t, 1, Integer.MAX_VALUE)),
                value("pat4j.cache.rejection-summary-interval", d.rejectionSummaryInterval(),
                        SettingsReader::duration));
    }

    private Pat4jSettings.Store store() {
        Pat4jSettings.Store d = Pat4jSettings.Store.defaults();
        String url = value("pat4j.store.url", null, u -> {
            if (!u.startsWith("jdbc:")) {
                throw new IllegalArgumentException("expected a JDBC URL, such as jdbc:postgresql://db.example/app");
            }
            if (u.toLowerCase(Locale.ROOT).matches(".*[;?&]password=.*")) {
                throw new IllegalArgumentException("the URL holds a password: give it by reference in"
                        + " pat4j.store.password = env:NAME or file:PATH instead");
            }
            return u;
        });
        return new Pat4jSettings.Store(url,
                value("pat4j.store.user", null, u -> u),
                value("pat4j.store.password", null, t -> reference("pat4j.store.password", t)),
                value("pat4j.store.change-poll-interval", d.changePollInterval(), SettingsReader::duration),
                value("pat4j.store.last-used-interval", d.lastUsedInterval(), SettingsReader::duration),
                value("pat4j.store.query-timeout", d.queryTimeout(), SettingsReader::duration),
                value("pat4j.store.connection-timeout", d.connectionTimeout(), SettingsReader::duration),
                new Pat4jSettings.Breaker(
                        value("pat4j.store.breaker.failures", d.breaker().failures(),
                                t -> (int) number(t, 1, Integer.MAX_VALUE)),
                        value("pat4j.store.breaker.cool-down", d.breaker().coolDown(), SettingsReader::duration)));
    }

    /** The window is the schedule's widest positive threshold unless given (then it is the schedule). */
    private Pat4jSettings.Notifications notifications(Pat4jSettings.Notices notices) {
        Pat4jSettings.Notifications d = Pat4jSettings.Notifications.defaults();
        List<Duration> schedule = notices.expirySchedule();
        Duration widest = schedule.get(schedule.size() - 1);
        return new Pat4jSettings.Notifications(widest.isZero() ? d.expiryWindow() : widest,
                value("pat4j.notifications.interval", d.interval(), SettingsReader::duration));
    }

    /**
     * The outbox section. The expiry window of before the schedule is the schedule of its one
     * threshold; both at once could disagree, so only one may be given.
     */
    private Pat4jSettings.Notices notices() {
        Pat4jSettings.Notices d = Pat4jSettings.Notices.defaults();
        if (values.containsKey("pat4j.notifications.expiry-window") && values.containsKey("pat4j.notices.expiry-schedule")) {
            throw error(values.get("pat4j.notices.expiry-schedule"), "pat4j.notices.expiry-schedule", "set either"
                    + " this or pat4j.notifications.expiry-window (its one-threshold form), not both");
        }
        List<Duration> window = value("pat4j.notifications.expiry-window", null, t -> List.of(duration(t)));
        List<Duration> schedule = value("pat4j.notices.expiry-schedule", window == null ? d.expirySchedule() : window,
                SettingsReader::schedule);
        Duration backoff = value("pat4j.notices.backoff", d.backoff(), SettingsReader::duration);
        Duration maxBackoff = value("pat4j.notices.max-backoff", d.maxBackoff(), SettingsReader::duration);
        if (maxBackoff.compareTo(backoff) < 0) {
            String key = values.containsKey("pat4j.notices.max-backoff") ? "pat4j.notices.max-backoff"
                    : "pat4j.notices.backoff";
            throw error(values.get(key), key, "pat4j.notices.max-backoff (" + formatDuration(maxBackoff)
                    + ") is shorter than pat4j.notices.backoff (" + formatDuration(backoff) + ")");
        }
        return new Pat4jSettings.Notices(schedule,
                value("pat4j.notices.delivery-interval", d.deliveryInterval(), SettingsReader::duration),
                value("pat4j.notices.lease", d.lease(), SettingsReader::duration), backoff, maxBackoff);
    }

    /** Durations separated by commas or spaces, each zero ({@code 0d}: the expired notice) or positive. */
    private static List<Duration> schedule(String text) {
        List<Duration> out = new ArrayList<>();
        for (String item : LIST.split(text.strip())) {
            if (item.isEmpty()) {
                continue;
            }
            Matcher zero = DURATION.matcher(item);
            out.add(zero.matches() && Long.parseLong(zero.group(1)) == 0 ? Duration.ZERO : duration(item));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("expected durations separated by commas, such as 60d, 30d, 7d, 0d");
        }
        return out;
    }

    // ---- values ----------------------------------------------------------------------------------

    /** The parsed value of {@code key}, or {@code otherwise} when it is not set; a parse failure names the key. */
    private <T> T value(String key, T otherwise, Function<String, T> parse) {
        Value v = values.get(key);
        if (v == null) {
            return otherwise;
        }
        String text = v.text().strip();
        if (text.isEmpty()) {
            throw error(v, key, "has no value (remove the line to use the default)");
        }
        try {
            return parse.apply(text);
        } catch (SettingsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String subject = SECRET_KEYS.contains(key) ? key : key + " = '" + text + "'";
            throw new SettingsException(key, v.origin() + ": " + subject + ": " + e.getMessage());
        }
    }

    private static SettingsException error(@Nullable Value where, String key, String problem) {
        return new SettingsException(key, (where == null ? "" : where.origin() + ": ") + key + ": " + problem);
    }

    private static String oneOf(String text, String... allowed) {
        for (String a : allowed) {
            if (a.equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("expected " + String.join(" or ", allowed));
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static long number(String text, long min, long max) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a whole number");
        }
        long n;
        try {
            n = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        return n;
    }

    /** {@code 500ms}, {@code 30s}, {@code 90m}, {@code 12h}, {@code 30d}, or ISO-8601; positive. */
    static Duration duration(String text) {
        Duration d;
        Matcher m = DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a duration such as 90m, 12h or 30d (or ISO-8601, PT12H)");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("expected a positive duration");
        }
        return d;
    }

    /** The shortest of {@code 30d}, {@code 12h}, {@code 90m}, {@code 30s}, {@code 500ms} that is exact, else ISO-8601. */
    static String formatDuration(Duration d) {
        if (d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return d.toString();
    }

    /** The candidate within {@code limit} edits of {@code text}, the nearest, if any. */
    static @Nullable String closest(String text, List<String> candidates, int limit) {
        String best = null;
        int bestDistance = limit + 1;
        for (String c : candidates) {
            int d = distance(text, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
