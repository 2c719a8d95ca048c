package dev.pat4j.settings;

import dev.pat4j.hash.SecretHashing;
import dev.pat4j.http.AddressRange;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.http.OrganizationSource;
import dev.pat4j.http.SlidingWindowThrottle;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeDefinition;
import dev.pat4j.token.TokenFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The whole configuration of a pat4j deployment, as one immutable value: the scope catalog,
 * the token prefix, hashing, policy, cache, store, expiry notices, how requests name their
 * organization, the failed-attempt throttle and the trusted proxies. {@link dev.pat4j.Pat4j.Builder#settings} maps it onto pat4j; the {@code pat} CLI
 * reads the same file ({@code pat --config FILE}), so an operator administers the application's
 * tokens under the application's own rules. Immutable and thread-safe; {@code toString()} of
 * this record and of every section shows secrets only as their references
 * ({@code env:ACME_PEPPER}).
 *
 * <h2>The file</h2>
 *
 * A UTF-8 text file of {@code key = value} lines, as {@code .properties} files are, with two
 * differences that make it strict: only {@code =} separates a key from its value (so scope names
 * such as {@code read:org} need no escaping in keys), and a key set twice is an error. Lines
 * starting with {@code #} or {@code !} are comments; a line ending in {@code \} continues on the
 * next; {@code \t}, {@code \n}, {@code \\}, <code>&#92;uXXXX</code> are escapes. Every key must be one of
 * those below: an unknown key, a bad value, or an implication to an undeclared scope is one
 * {@link SettingsException} naming the file, line and key (and the key probably meant).
 *
 * <h2>Keys</h2>
 *
 * <table>
 * <caption>Settings keys and their defaults</caption>
 * <tr><th>key</th><th>value</th><th>default</th></tr>
 * <tr><td>{@code pat4j.token.prefix}</td><td>{@code [a-z][a-z0-9]{1,15}}</td><td>{@code pat}</td></tr>
 * <tr><td>{@code pat4j.scopes.preset}</td><td>{@code none} or {@code azure-devops} (pat4j's preset,
 *     {@link dev.pat4j.scope.AzureDevOpsScopes}), declared besides the file's own scopes</td><td>{@code none}</td></tr>
 * <tr><td>{@code pat4j.scope.<name>.label}</td><td>declares scope {@code <name>} (grammar: {@link ScopeCatalog}),
 *     with this label</td><td>—</td></tr>
 * <tr><td>{@code pat4j.scope.<name>.group}</td><td>the heading it is listed under</td><td>none</td></tr>
 * <tr><td>{@code pat4j.scope.<name>.implies}</td><td>scopes it directly implies, separated by commas or spaces</td>
 *     <td>none</td></tr>
 * <tr><td>{@code pat4j.scope.<name>.high-privilege}</td><td>{@code true} or {@code false}</td><td>{@code false}</td></tr>
 * <tr><td>{@code pat4j.hashing.algorithm}</td><td>{@code sha256}, {@code hmac-sha256} or {@code argon2id}</td>
 *     <td>{@code sha256}</td></tr>
 * <tr><td>{@code pat4j.hashing.pepper}</td><td>{@code env:NAME} or {@code file:PATH} (required, and only allowed,
 *     with {@code hmac-sha256}); at least 32 bytes</td><td>—</td></tr>
 * <tr><td>{@code pat4j.hashing.pepper-id}</td><td>the pepper's id, stored beside each hash (required with a
 *     pepper)</td><td>—</td></tr>
 * <tr><td>{@code pat4j.hashing.previous-peppers}</td><td>{@code ID:env:NAME} or {@code ID:file:PATH}, separated by
 *     commas: older peppers whose records still verify and re-hash on use</td><td>none</td></tr>
 * <tr><td>{@code pat4j.hashing.argon2.memory-kib}, {@code .iterations}, {@code .parallelism}</td>
 *     <td>Argon2id's parameters (only with {@code argon2id})</td><td>19456, 2, 1</td></tr>
 * <tr><td>{@code pat4j.policy.max-lifespan}</td><td>a duration</td><td>{@code 365d}</td></tr>
 * <tr><td>{@code pat4j.policy.extension-from}</td><td>{@code now} or {@code creation}
 *     ({@link TokenPolicy.ExtensionBase})</td><td>{@code now}</td></tr>
 * <tr><td>{@code pat4j.policy.allow-full-access}</td><td>{@code true} or {@code false}</td><td>{@code false}</td></tr>
 * <tr><td>{@code pat4j.policy.allow-all-organizations}</td><td>{@code true} or {@code false}</td>
 *     <td>{@code true}</td></tr>
 * <tr><td>{@code pat4j.policy.max-active-per-owner}</td><td>a positive number</td><td>50</td></tr>
 * <tr><td>{@code pat4j.cache.maximum-size}, {@code pat4j.cache.negative-maximum-size}</td><td>positive numbers</td>
 *     <td>100000, 10000</td></tr>
 * <tr><td>{@code pat4j.cache.ttl}, {@code pat4j.cache.negative-ttl}</td><td>durations</td><td>{@code 5m},
 *     {@code 5s}</td></tr>
 * <tr><td>{@code pat4j.cache.id-filter}</td><td>{@code true} or {@code false}: a filter of live ids keeps ids the
 *     store never issued off it</td><td>{@code true}</td></tr>
 * <tr><td>{@code pat4j.cache.id-filter-expected-size}</td><td>a positive number: live ids the filter is sized for
 *     at least</td><td>100000</td></tr>
 * <tr><td>{@code pat4j.cache.id-filter-rebuild-interval}</td><td>a duration</td><td>{@code 1h}</td></tr>
 * <tr><td>{@code pat4j.cache.unseen-ids-per-second}, {@code pat4j.cache.unseen-id-burst}</td><td>positive
 *     numbers: store lookups of ids the filter has not seen</td><td>20, 20</td></tr>
 * <tr><td>{@code pat4j.cache.rejection-summary-interval}</td><td>a duration: at most one WARN line counting
 *     rejections per reason per interval</td><td>{@code 1m}</td></tr>
 * <tr><td>{@code pat4j.store.url}</td><td>a JDBC URL (without a password), for the processes that open the store
 *     themselves, such as the CLI</td><td>none</td></tr>
 * <tr><td>{@code pat4j.store.user}</td><td>the database user</td><td>none</td></tr>
 * <tr><td>{@code pat4j.store.password}</td><td>{@code env:NAME} or {@code file:PATH}</td><td>none</td></tr>
 * <tr><td>{@code pat4j.store.change-poll-interval}, {@code pat4j.store.last-used-interval}</td><td>durations</td>
 *     <td>{@code 1s}, {@code 1m}</td></tr>
 * <tr><td>{@code pat4j.store.query-timeout}</td><td>the deadline of every statement of the JDBC store</td>
 *     <td>{@code 500ms}</td></tr>
 * <tr><td>{@code pat4j.store.connection-timeout}</td><td>how long the CLI and the demo wait for a connection of
 *     their pool</td><td>{@code 500ms}</td></tr>
 * <tr><td>{@code pat4j.store.breaker.failures}</td><td>consecutive failed store calls that open pat4j's circuit
 *     breaker</td><td>5</td></tr>
 * <tr><td>{@code pat4j.store.breaker.cool-down}</td><td>how long the open breaker keeps calls off the store
 *     before one probe</td><td>{@code 5s}</td></tr>
 * <tr><td>{@code pat4j.notifications.expiry-window}</td><td>how long before expiry owners are told, once: the
 *     same as {@code pat4j.notices.expiry-schedule} with that one threshold (set one of the two)</td>
 *     <td>{@code 7d}</td></tr>
 * <tr><td>{@code pat4j.notifications.interval}</td><td>how often the application runs the expiry notifier</td>
 *     <td>{@code 1h}</td></tr>
 * <tr><td>{@code pat4j.notices.expiry-schedule}</td><td>the thresholds before expiry at which owners are told,
 *     durations separated by commas; {@code 0d} adds the notice that a token expired
 *     ({@link dev.pat4j.Pat4j.Builder#expirySchedule})</td><td>{@code 7d}</td></tr>
 * <tr><td>{@code pat4j.notices.delivery-interval}</td><td>how often the application delivers due notices</td>
 *     <td>{@code 1m}</td></tr>
 * <tr><td>{@code pat4j.notices.lease}</td><td>how long a node's claim of notices holds
 *     ({@link dev.pat4j.Pat4j.Builder#noticeLease})</td><td>{@code 2m}</td></tr>
 * <tr><td>{@code pat4j.notices.backoff}, {@code pat4j.notices.max-backoff}</td><td>the wait before the first retry
 *     of a failed delivery, doubling up to the maximum ({@link dev.pat4j.Pat4j.Builder#noticeBackoff})</td>
 *     <td>{@code 1m}, {@code 1h}</td></tr>
 * <tr><td>{@code pat4j.organizations.source}</td><td>{@code none}, {@code header:NAME} or
 *     {@code path-segment:INDEX} ({@link OrganizationSource})</td><td>{@code none}</td></tr>
 * <tr><td>{@code pat4j.throttle.enabled}</td><td>{@code true} or {@code false}: failed-attempt throttling per
 *     client address ({@link dev.pat4j.http.SlidingWindowThrottle})</td><td>{@code true}</td></tr>
 * <tr><td>{@code pat4j.throttle.failures}, {@code pat4j.throttle.window}, {@code pat4j.throttle.block}</td>
 *     <td>this many failed checks (1 to 1000) from one address within the window block it for the block time
 *     (durations of at most a day)</td><td>10, {@code 60s}, {@code 60s}</td></tr>
 * <tr><td>{@code pat4j.throttle.exempt}</td><td>address ranges never throttled ({@code 10.0.0.0/8}, separated by
 *     commas or spaces)</td><td>none</td></tr>
 * <tr><td>{@code pat4j.throttle.ipv6-prefix}</td><td>the prefix IPv6 addresses are counted by, 1 to 128</td>
 *     <td>64</td></tr>
 * <tr><td>{@code pat4j.throttle.max-addresses}</td><td>the most addresses tracked at once</td><td>100000</td></tr>
 * <tr><td>{@code pat4j.http.trusted-proxies}</td><td>address ranges of the reverse proxies whose forwarding
 *     header is believed ({@link dev.pat4j.http.ClientAddressResolver#trustedProxies})</td><td>none: the
 *     connection's peer is the client</td></tr>
 * <tr><td>{@code pat4j.http.forwarded-header}</td><td>{@code x-forwarded-for} or {@code forwarded} (RFC 7239):
 *     the one header read from trusted proxies</td><td>{@code x-forwarded-for}</td></tr>
 * </table>
 *
 * Durations are a whole number with a unit, {@code 500ms}, {@code 30s}, {@code 90m}, {@code 12h},
 * {@code 30d}, or ISO-8601 ({@code PT12H}). Secrets are only ever references: a literal pepper or
 * password is refused, and so is a store URL holding a password.
 *
 * <h2>Environment overrides</h2>
 *
 * An environment variable overrides one key: its name is the key upper-cased, with every
 * {@code .}, {@code -} and {@code :} replaced by {@code _}, such as {@code PAT4J_TOKEN_PREFIX} or
 * {@code PAT4J_SCOPE_READ_ORG_LABEL}. Overrides may set any key of the table and any attribute
 * of a scope the file declares; they cannot declare scopes. Any other variable starting with
 * {@code PAT4J_} is refused as a misspelt key, except {@code PAT4J_CONFIG} (the CLI's) and
 * variables that the settings themselves reference with {@code env:}.
 *
 * @param scopes the scope catalog
 * @param tokenPrefix the token prefix
 * @param hashing how secrets are hashed
 * @param policy the token policy
 * @param cache the validation cache
 * @param store where the store is, for processes that open it themselves, and how often it is polled and written
 * @param notifications expiry notices: the single window of before the schedule, and how often they are raised
 * @param organizations how requests name their organization
 * @param notices the outbox of notices: the expiry schedule, delivery interval, leases and backoff
 * @param mail the SMTP server and sender that {@code pat4j-mail} mails notices through, if any
 * @param webhooks the URL and signing secret that {@code pat4j-webhooks} posts notices to, if any
 * @param throttle failed-attempt throttling per client address
 * @param http how the HTTP adapters find a request's client address
 */
public record Pat4jSettings(ScopeCatalog scopes, String tokenPrefix, Hashing hashing, TokenPolicy policy, Cache cache,
                            Store store, Notifications notifications, Organizations organizations, Notices notices,
                            Mail mail, Webhooks webhooks, Throttle throttle, Http http) {

    public Pat4jSettings {
        Objects.requireNonNull(scopes, "scopes");
        TokenFormat.withPrefix(tokenPrefix);
        Objects.requireNonNull(hashing, "hashing");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(http, "http");
    }

    /** Settings as before the abuse controls: the throttle's defaults (on), and no trusted proxies. */
    public Pat4jSettings(ScopeCatalog scopes, String tokenPrefix, Hashing hashing, TokenPolicy policy, Cache cache,
                         Store store, Notifications notifications, Organizations organizations, Notices notices,
                         Mail mail, Webhooks webhooks) {
        this(scopes, tokenPrefix, hashing, policy, cache, store, notifications, organizations, notices, mail, webhooks,
                Throttle.defaults(), Http.defaults());
    }

    /** Settings as before delivered notices: no mail and no webhooks. */
    public Pat4jSettings(ScopeCatalog scopes, String tokenPrefix, Hashing hashing, TokenPolicy policy, Cache cache,
                         Store store, Notifications notifications, Organizations organizations, Notices notices) {
        this(scopes, tokenPrefix, hashing, policy, cache, store, notifications, organizations, notices, Mail.none(),
                Webhooks.none());
    }

    /**
     * Settings as before the outbox: the notices' section takes its defaults, with the expiry
     * window of {@code notifications} as the schedule's one threshold.
     */
    public Pat4jSettings(ScopeCatalog scopes, String tokenPrefix, Hashing hashing, TokenPolicy policy, Cache cache,
                         Store store, Notifications notifications, Organizations organizations) {
        this(scopes, tokenPrefix, hashing, policy, cache, store, notifications, organizations,
                Notices.defaults().withExpirySchedule(List.of(notifications.expiryWindow())));
    }

    /**
     * pat4j's defaults: the Azure DevOps-like preset scopes, prefix {@code pat}, SHA-256,
     * {@link TokenPolicy#defaults()} and the builder's cache and intervals; no store location.
     */
    public static Pat4jSettings defaults() {
        return defaults(Map.of());
    }

    /**
     * The {@link #defaults()} with the overrides that {@code env} holds ({@code PAT4J_TOKEN_PREFIX}, ...).
     *
     * @throws SettingsException if an override is wrong
     */
    public static Pat4jSettings defaults(Map<String, String> env) {
        Map<String, SettingsReader.Value> base = new LinkedHashMap<>();
        base.put("pat4j.scopes.preset", new SettingsReader.Value("azure-devops", "the defaults"));
        return SettingsReader.read(base, env);
    }

    /**
     * Reads a settings file, with overrides from the process's environment.
     *
     * @throws SettingsException if the file cannot be read or anything in it (or an override) is wrong
     */
    public static Pat4jSettings load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * Reads a settings file, with overrides and {@code env:} references looked up in {@code env}.
     *
     * @throws SettingsException if the file cannot be read or anything in it (or an override) is wrong
     */
    public static Pat4jSettings load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SettingsException(null, file + ": no such settings file");
        } catch (CharacterCodingException e) {
            throw new SettingsException(null, file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new SettingsException(null, file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Path name = file.getFileName();
        return SettingsReader.read(SettingsFile.parse(text, name == null ? file.toString() : name.toString()), env);
    }

    /**
     * Reads the {@code pat4j.*} entries of {@code properties} (others are ignored, so an
     * application may pass its whole configuration), with overrides from {@code env}.
     *
     * @throws SettingsException if an entry or an override is wrong
     */
    public static Pat4jSettings fromProperties(Properties properties, Map<String, String> env) {
        Map<String, SettingsReader.Value> entries = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(SettingsReader.PREFIX)) {
                entries.put(key, new SettingsReader.Value(properties.getProperty(key), "properties"));
            }
        }
        return SettingsReader.read(entries, env);
    }

    /** The name of the environment variable that overrides {@code key}: {@code PAT4J_TOKEN_PREFIX} for {@code pat4j.token.prefix}. */
    public static String environmentName(String key) {
        return SettingsReader.environmentName(key);
    }

    /**
     * One line that says what these settings are, for a process to tell its operator: scopes,
     * prefix, hashing (the pepper by id) and policy.
     */
    public String summary() {
        List<String> own = new ArrayList<>();
        for (ScopeDefinition d : scopes.definitions()) {
            if (!ScopeCatalog.FULL_ACCESS.equals(d.name())) {
                own.add(d.name());
            }
        }
        String scopeText = own.size() <= 6 ? String.join(" ", own) : String.join(" ", own.subList(0, 5)) + " … ("
                + own.size() + " scopes)";
        return "scopes " + scopeText + "; prefix " + tokenPrefix + "_; hashing " + hashing.algorithm()
                + (hashing.pepperId() == null ? "" : " (pepper " + hashing.pepperId() + ")") + "; policy: at most "
                + SettingsReader.formatDuration(policy.maxLifespan()) + (policy.extensionFrom()
                == TokenPolicy.ExtensionBase.CREATION ? " from creation" : "") + ", full access "
                + (policy.allowFullAccess() ? "allowed" : "refused") + ", all-organization tokens "
                + (policy.allowAllOrganizations() ? "allowed" : "refused") + ", " + policy.maxActiveTokensPerOwner()
                + " active per owner";
    }

    /**
     * How secrets are hashed ({@link SecretHashing}), with the pepper and previous peppers as
     * references. Immutable.
     *
     * @param algorithm {@code sha256}, {@code hmac-sha256} or {@code argon2id}
     * @param pepperId the pepper's id (with {@code hmac-sha256}), else null
     * @param pepper where the pepper is (with {@code hmac-sha256}), else null
     * @param previousPeppers older peppers by id, whose records still verify and re-hash on use
     * @param argon2MemoryKib Argon2id's memory in KiB
     * @param argon2Iterations Argon2id's iterations
     * @param argon2Parallelism Argon2id's lanes
     */
    public record Hashing(String algorithm, @Nullable String pepperId, @Nullable SecretReference pepper,
                          Map<String, SecretReference> previousPeppers, int argon2MemoryKib, int argon2Iterations,
                          int argon2Parallelism) {
        /** The algorithm names this section accepts. */
        public static final List<String> ALGORITHMS = List.of(SecretHashing.SHA_256, SecretHashing.HMAC_SHA_256,
                SecretHashing.ARGON2ID);

        public Hashing {
            if (!ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException("algorithm must be one of " + ALGORITHMS);
            }
            boolean hmac = SecretHashing.HMAC_SHA_256.equals(algorithm);
            if (hmac != (pepper != null) || hmac != (pepperId != null)) {
                throw new IllegalArgumentException("hmac-sha256 needs a pepper and its id, and only it has them");
            }
            if (pepperId != null && !SecretHashing.isValidPepperId(pepperId)) {
                throw new IllegalArgumentException("'" + pepperId + "' is not a pepper id");
            }
            previousPeppers = Map.copyOf(previousPeppers);
            for (String id : previousPeppers.keySet()) {
                if (!SecretHashing.isValidPepperId(id) || id.equals(pepperId)) {
                    throw new IllegalArgumentException("previous pepper id '" + id + "' is malformed or the current one");
                }
            }
        }

        /** SHA-256 without pepper: the default. */
        public static Hashing sha256() {
            return new Hashing(SecretHashing.SHA_256, null, null, Map.of(), 19_456, 2, 1);
        }

        /**
         * The {@link SecretHashing} these settings describe, its peppers read now.
         *
         * @throws SettingsException if a pepper cannot be read or is shorter than 32 bytes
         */
        public SecretHashing secretHashing() {
            SecretHashing base;
            if (SecretHashing.HMAC_SHA_256.equals(algorithm)) {
                base = withPepper("pat4j.hashing.pepper", Objects.requireNonNull(pepper),
                        p -> SecretHashing.hmacSha256(Objects.requireNonNull(pepperId), p));
            } else if (SecretHashing.ARGON2ID.equals(algorithm)) {
                try {
                    base = SecretHashing.argon2id(argon2MemoryKib, argon2Iterations, argon2Parallelism);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new SettingsException("pat4j.hashing.algorithm", "pat4j.hashing.algorithm: " + e.getMessage());
                }
            } else {
                base = SecretHashing.sha256();
            }
            for (Map.Entry<String, SecretReference> e : new TreeMap<>(previousPeppers).entrySet()) {
                SecretHashing so = base;
                base = withPepper("pat4j.hashing.previous-peppers", e.getValue(),
                        p -> so.withPreviousPepper(e.getKey(), p));
            }
            return base;
        }

        private static SecretHashing withPepper(String key, SecretReference reference,
                                                java.util.function.Function<byte[], SecretHashing> use) {
            byte[] bytes = reference.read();
            try {
                return use.apply(bytes);
            } catch (IllegalArgumentException e) {
                throw new SettingsException(key, key + ": the pepper in " + reference + " is unusable: "
                        + e.getMessage());
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /**
     * The validation cache: see {@link dev.pat4j.Pat4j.Builder#cacheMaximumSize} and its siblings,
     * and what keeps forged ids off the store ({@link dev.pat4j.Pat4j.Builder#idFilter},
     * {@link dev.pat4j.Pat4j.Builder#unseenIdBudget}). Immutable.
     *
     * @param maximumSize most tokens cached
     * @param ttl how long a verified token stays cached
     * @param negativeMaximumSize most unknown ids remembered
     * @param negativeTtl how long an unknown id is remembered as unknown
     * @param idFilter whether a filter of live ids keeps ids the store never issued off it
     * @param idFilterExpectedSize how many live ids the filter is sized for at least
     * @param idFilterRebuildInterval how often the filter is rebuilt from the store
     * @param unseenIdsPerSecond store lookups per second of ids the filter has not seen
     * @param unseenIdBurst store lookups at once of ids the filter has not seen
     * @param rejectionSummaryInterval how often, at most, a WARN line counts the rejections per reason
     */
    public record Cache(long maximumSize, Duration ttl, long negativeMaximumSize, Duration negativeTtl,
                        boolean idFilter, long idFilterExpectedSize, Duration idFilterRebuildInterval,
                        int unseenIdsPerSecond, int unseenIdBurst, Duration rejectionSummaryInterval) {
        public Cache {
            positive(maximumSize, "maximumSize");
            positive(negativeMaximumSize, "negativeMaximumSize");
            positive(ttl, "ttl");
            positive(negativeTtl, "negativeTtl");
            positive(idFilterExpectedSize, "idFilterExpectedSize");
            positive(idFilterRebuildInterval, "idFilterRebuildInterval");
            positive(unseenIdsPerSecond, "unseenIdsPerSecond");
            positive(unseenIdBurst, "unseenIdBurst");
            positive(rejectionSummaryInterval, "rejectionSummaryInterval");
        }

        /** The cache as before the filter of live ids: the filter, its budget and the summary take their defaults. */
        public Cache(long maximumSize, Duration ttl, long negativeMaximumSize, Duration negativeTtl) {
            this(maximumSize, ttl, negativeMaximumSize, negativeTtl, true, 100_000, Duration.ofHours(1), 20, 20,
                    Duration.ofMinutes(1));
        }

        /**
         * The builder's defaults: 100,000 tokens for five minutes, 10,000 unknown ids for five
         * seconds; a filter of at least 100,000 live ids rebuilt hourly, 20 lookups of unseen ids
         * per second with a burst of 20; a rejection summary a minute at most.
         */
        public static Cache defaults() {
            return new Cache(100_000, Duration.ofMinutes(5), 10_000, Duration.ofSeconds(5));
        }
    }

    /**
     * Where the token store is, for processes that open it themselves (the CLI, the demo; an
     * application usually hands pat4j its own store), how often pat4j polls its change feed
     * and writes last-used times, the store's deadlines and pat4j's circuit breaker in front of
     * it. Immutable; {@code toString()} shows the password's reference only.
     *
     * @param url the JDBC URL, never holding a password; null when not configured
     * @param user the database user, or null
     * @param password where the database password is, or null
     * @param changePollInterval how often the change feed is polled
     * @param lastUsedInterval how often last-used times are written
     * @param queryTimeout the deadline of every statement of the JDBC store
     *     ({@code JdbcTokenStore.Builder.queryTimeout}); default 500 ms
     * @param connectionTimeout how long a process that builds its own connection pool (the CLI, the
     *     demo) waits for a connection; default 500 ms
     * @param breaker the circuit breaker in front of the store
     */
    public record Store(@Nullable String url, @Nullable String user, @Nullable SecretReference password,
                        Duration changePollInterval, Duration lastUsedInterval, Duration queryTimeout,
                        Duration connectionTimeout, Breaker breaker) {
        private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)[;?&]password=");
        /** The default deadline of a statement. */
        public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMillis(500);
        /** The default wait for a pooled connection. */
        public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofMillis(500);

        public Store {
            if (url != null && (!url.startsWith("jdbc:") || PASSWORD_IN_URL.matcher(url).find())) {
                throw new IllegalArgumentException("url must be a JDBC URL without a password");
            }
            positive(changePollInterval, "changePollInterval");
            positive(lastUsedInterval, "lastUsedInterval");
            positive(queryTimeout, "queryTimeout");
            positive(connectionTimeout, "connectionTimeout");
            Objects.requireNonNull(breaker, "breaker");
        }

        /** A store section with the default deadlines and breaker. */
        public Store(@Nullable String url, @Nullable String user, @Nullable SecretReference password,
                     Duration changePollInterval, Duration lastUsedInterval) {
            this(url, user, password, changePollInterval, lastUsedInterval, DEFAULT_QUERY_TIMEOUT,
                    DEFAULT_CONNECTION_TIMEOUT, Breaker.defaults());
        }

        /** No location; the builder's intervals (one second, one minute), deadlines and breaker. */
        public static Store defaults() {
            return new Store(null, null, null, Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
    }

    /**
     * The circuit breaker pat4j puts in front of its store: see
     * {@link dev.pat4j.Pat4j.Builder#breakerFailures}. Immutable.
     *
     * @param failures how many consecutive failed store calls open it
     * @param coolDown how long it keeps calls off the store before one probe
     */
    public record Breaker(int failures, Duration coolDown) {
        public Breaker {
            positive(failures, "failures");
            positive(coolDown, "coolDown");
        }

        /** The builder's defaults: five failures, five seconds. */
        public static Breaker defaults() {
            return new Breaker(dev.pat4j.Pat4j.DEFAULT_BREAKER_FAILURES, dev.pat4j.Pat4j.DEFAULT_BREAKER_COOL_DOWN);
        }
    }

    /**
     * Expiry notices: how long before expiry owners are told, and how often the application
     * runs {@link dev.pat4j.lifecycle.ExpiryNotifier#run()}. Immutable.
     *
     * @param expiryWindow how long before expiry a token is announced
     * @param interval how often the notifier should run
     */
    public record Notifications(Duration expiryWindow, Duration interval) {
        public Notifications {
            positive(expiryWindow, "expiryWindow");
            positive(interval, "interval");
        }

        /** Seven days' notice, checked hourly. */
        public static Notifications defaults() {
            return new Notifications(Duration.ofDays(7), Duration.ofHours(1));
        }
    }

    /**
     * The outbox of notices to token owners (see {@link dev.pat4j.notice.Notices}): when expiry
     * notices are due, how often the application delivers, how long a claim holds and how failed
     * deliveries are retried. Immutable.
     *
     * @param expirySchedule the thresholds before expiry, shortest first, each zero or positive
     *     ({@link dev.pat4j.Pat4j.Builder#expirySchedule})
     * @param deliveryInterval how often the application should deliver due notices
     * @param lease how long a claim of notices holds ({@link dev.pat4j.Pat4j.Builder#noticeLease})
     * @param backoff the wait before the first retry of a failed delivery
     * @param maxBackoff the longest wait between retries
     */
    public record Notices(List<Duration> expirySchedule, Duration deliveryInterval, Duration lease, Duration backoff,
                          Duration maxBackoff) {
        public Notices {
            expirySchedule = List.copyOf(new java.util.TreeSet<>(expirySchedule));
            if (expirySchedule.isEmpty() || expirySchedule.get(0).isNegative()) {
                throw new IllegalArgumentException("expirySchedule needs thresholds, each zero or positive");
            }
            positive(deliveryInterval, "deliveryInterval");
            positive(lease, "lease");
            positive(backoff, "backoff");
            positive(maxBackoff, "maxBackoff");
            if (maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be at least backoff");
            }
        }

        /** Seven days' notice; delivery every minute, two-minute leases, retries after one minute doubling to an hour. */
        public static Notices defaults() {
            return new Notices(List.of(Duration.ofDays(7)), Duration.ofMinutes(1), dev.pat4j.Pat4j.DEFAULT_NOTICE_LEASE,
                    dev.pat4j.Pat4j.DEFAULT_NOTICE_BACKOFF, dev.pat4j.Pat4j.DEFAULT_NOTICE_MAX_BACKOFF);
        }

        /** The same section with another schedule. */
        public Notices withExpirySchedule(List<Duration> schedule) {
            return new Notices(schedule, deliveryInterval, lease, backoff, maxBackoff);
        }
    }

    /**
     * Where notices are mailed from, for {@code pat4j-mail}'s {@code MailNoticeSender.builder(settings.mail())}:
     * the SMTP server, its TLS mode and login (the password by reference), the sender's address,
     * the application's name and self-service page as mails show them, and which notice kinds are
     * mailed. Who receives a mail is the application's {@code RecipientResolver}, code rather
     * than a setting. Immutable; {@code toString()} shows the password as its reference.
     *
     * @param host the SMTP server; null: notices are not mailed
     * @param port the port, or 0 for the TLS mode's usual one (25, 587 or 465)
     * @param tls {@code none}, {@code opportunistic}, {@code starttls} or {@code smtps} (in the file:
     *     {@code starttls} with a login, else {@code opportunistic}, as the mail sender defaults)
     * @param user the login, or null for none
     * @param password the login's password by reference, with {@code user} only
     * @param from the sender's address (required with a host)
     * @param fromName the sender's display name, or null
     * @param productName the application's name in subjects and text ("Acme Git"), or null for the sender's default
     * @param selfServiceUrl the page where owners manage their tokens, linked from every mail, or null
     * @param kinds the notice kinds mailed ({@code created}, {@code expiring}, ...); empty: the sender's default
     */
    public record Mail(@Nullable String host, int port, String tls, @Nullable String user,
                       @Nullable SecretReference password, @Nullable String from, @Nullable String fromName,
                       @Nullable String productName, @Nullable URI selfServiceUrl, List<String> kinds) {
        /** The TLS modes, as written in the file. */
        public static final List<String> TLS_MODES = List.of("none", "opportunistic", "starttls", "smtps");

        public Mail {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be from 0 to 65535");
            }
            if (!TLS_MODES.contains(Objects.requireNonNull(tls, "tls"))) {
                throw new IllegalArgumentException("expected " + String.join(", ", TLS_MODES));
            }
            if ((user == null) != (password == null)) {
                throw new IllegalArgumentException("a login needs both a user and a password");
            }
            if (password != null && !(tls.equals("starttls") || tls.equals("smtps"))) {
                throw new IllegalArgumentException("a password is only sent over TLS: set tls to starttls or smtps");
            }
            if (host != null && from == null) {
                throw new IllegalArgumentException("mail needs a sender's address (from)");
            }
            kinds = List.copyOf(kinds);
            kinds.forEach(NoticeKind::new);
        }

        /** No mail. */
        public static Mail none() {
            return new Mail(null, 0, "opportunistic", null, null, null, null, null, null, List.of());
        }

        /** Whether notices are mailed: a server is named. */
        public boolean configured() {
            return host != null;
        }
    }

    /**
     * Where notices are posted as signed JSON, for {@code pat4j-webhooks}'
     * {@code WebhookNoticeSender.builder(settings.webhooks())}. Immutable; {@code toString()}
     * shows the secret as its reference.
     *
     * @param url the receiver ({@code https}, or {@code http} on loopback); null: no webhooks
     * @param secret the Standard Webhooks signing secret ({@code whsec_...}) by reference, with a URL only
     * @param kinds the notice kinds posted; empty: every kind
     */
    public record Webhooks(@Nullable URI url, @Nullable SecretReference secret, List<String> kinds) {
        public Webhooks {
            if ((url == null) != (secret == null)) {
                throw new IllegalArgumentException("a webhook needs both a URL and a signing secret");
            }
            kinds = List.copyOf(kinds);
            kinds.forEach(NoticeKind::new);
        }

        /** No webhooks. */
        public static Webhooks none() {
            return new Webhooks(null, null, List.of());
        }

        /** Whether notices are posted: a URL is named. */
        public boolean configured() {
            return url != null;
        }
    }

    /**
     * Failed-attempt throttling per client address, for the HTTP adapters: see
     * {@link SlidingWindowThrottle} for what counts and why. On by default in settings-based
     * set-ups (a hand-built adapter's own default is no throttle). Immutable.
     *
     * @param enabled whether failed checks are throttled at all
     * @param failures how many failed checks within the window block an address (1 to 1000)
     * @param window the sliding window failures count in
     * @param block how long a blocked address waits
     * @param exempt address ranges never counted nor blocked
     * @param ipv6Prefix the prefix IPv6 addresses are counted by (1 to 128)
     * @param maxAddresses the most addresses tracked at once
     */
    public record Throttle(boolean enabled, int failures, Duration window, Duration block, List<AddressRange> exempt,
                           int ipv6Prefix, long maxAddresses) {
        public Throttle {
            exempt = List.copyOf(exempt);
            // the builder checks every bound, so that the section and the throttle agree
            throttleBuilder(failures, window, block, exempt, ipv6Prefix, maxAddresses);
        }

        /** On, with the throttle's defaults: 10 failures in 60 seconds block for 60 seconds; IPv6 per /64; 100,000 addresses. */
        public static Throttle defaults() {
            return new Throttle(true, SlidingWindowThrottle.DEFAULT_FAILURES, SlidingWindowThrottle.DEFAULT_WINDOW,
                    SlidingWindowThrottle.DEFAULT_BLOCK, List.of(), SlidingWindowThrottle.DEFAULT_IPV6_PREFIX,
                    SlidingWindowThrottle.DEFAULT_MAX_ADDRESSES);
        }

        /** No throttling. */
        public static Throttle off() {
            Throttle d = defaults();
            return new Throttle(false, d.failures, d.window, d.block, d.exempt, d.ipv6Prefix, d.maxAddresses);
        }

        /** A new throttle as described, on the system clock; {@link AttemptThrottle#none()} when disabled. */
        public AttemptThrottle attemptThrottle() {
            return attemptThrottle(Clock.systemUTC());
        }

        /**
         * A new throttle as described, measuring windows and blocks on {@code clock};
         * {@link AttemptThrottle#none()} when disabled. Each call makes one with its own counts:
         * build it once per application and share it between the adapters that should count together.
         */
        public AttemptThrottle attemptThrottle(Clock clock) {
            if (!enabled) {
                return AttemptThrottle.none();
            }
            return throttleBuilder(failures, window, block, exempt, ipv6Prefix, maxAddresses).clock(clock).build();
        }

        private static SlidingWindowThrottle.Builder throttleBuilder(int failures, Duration window, Duration block,
                                                                     List<AddressRange> exempt, int ipv6Prefix,
                                                                     long maxAddresses) {
            return AttemptThrottle.slidingWindow().failures(failures).window(window).block(block).exempt(exempt)
                    .ipv6Prefix(ipv6Prefix).maxAddresses(maxAddresses);
        }
    }

    /**
     * How the HTTP adapters find a request's client address (for the throttle): the reverse
     * proxies whose forwarding header is believed, and which header that is. Immutable.
     *
     * @param trustedProxies the proxies' address ranges; empty: believe no header, the connection's peer is the client
     * @param forwardedHeader the one header read from them
     */
    public record Http(List<AddressRange> trustedProxies, ClientAddressResolver.ForwardedHeader forwardedHeader) {
        public Http {
            trustedProxies = List.copyOf(trustedProxies);
            Objects.requireNonNull(forwardedHeader, "forwardedHeader");
        }

        /** No trusted proxies; {@code X-Forwarded-For} once some are named. */
        public static Http defaults() {
            return new Http(List.of(), ClientAddressResolver.ForwardedHeader.X_FORWARDED_FOR);
        }

        /** The resolver this describes: {@link ClientAddressResolver#peer()} without trusted proxies. */
        public ClientAddressResolver clientAddressResolver() {
            return trustedProxies.isEmpty() ? ClientAddressResolver.peer()
                    : ClientAddressResolver.trustedProxies(trustedProxies, forwardedHeader);
        }
    }

    /**
     * How a request names the organization it acts in, for the HTTP adapters: {@code none},
     * {@code header:NAME} or {@code path-segment:INDEX}. Immutable.
     *
     * @param source the source as written
     */
    public record Organizations(String source) {
        private static final Pattern FORM = Pattern.compile("none|header:(.+)|path-segment:(\\d{1,3})");

        public Organizations {
            organizationSource(source);
        }

        /** Requests name no organization. */
        public static Organizations none() {
            return new Organizations("none");
        }

        /** The {@link OrganizationSource} this describes. */
        public OrganizationSource organizationSource() {
            return organizationSource(source);
        }

        private static OrganizationSource organizationSource(String source) {
            Matcher m = FORM.matcher(Objects.requireNonNull(source, "source"));
            if (!m.matches()) {
                throw new IllegalArgumentException("expected none, header:NAME or path-segment:INDEX");
            }
            if (m.group(1) != null) {
                return OrganizationSource.header(m.group(1));
            }
            if (m.group(2) != null) {
                return OrganizationSource.pathSegment(Integer.parseInt(m.group(2)));
            }
            return OrganizationSource.none();
        }
    }

    private static void positive(long value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    private static void positive(@Nullable Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
