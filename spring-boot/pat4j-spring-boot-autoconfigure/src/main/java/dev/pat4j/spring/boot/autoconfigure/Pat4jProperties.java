package dev.pat4j.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * pat4j's settings as Spring properties under {@code pat4j.*}: the keys of pat4j's settings file
 * ({@link dev.pat4j.settings.Pat4jSettings}, which documents each one), bound with Spring's relaxed
 * rules and its {@link Duration} syntax ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 7d},
 * ISO-8601), plus the few that only an application needs ({@code pat4j.store.change-retention},
 * {@code pat4j.store.prune-interval} and the management API's {@code pat4j.web.*}). A property left unset takes pat4j's default, the one the
 * settings file would.
 *
 * <p>Unknown keys under {@code pat4j.} fail start-up, as a mistyped key in the settings file does;
 * and the values are checked by the settings file's own reader ({@link #toSettingsEntries()}), so
 * a value refused in the file is refused here with the same message. Scope names hold {@code :}
 * and {@code .}: write them in brackets, {@code pat4j.scope.[code:read].label=Read code}.
 *
 * <p>Mutable while Spring binds it, then only read; not thread-safe.
 */
@ConfigurationProperties(prefix = "pat4j", ignoreUnknownFields = false)
public class Pat4jProperties {
    private final Token token = new Token();
    private final Scopes scopes = new Scopes();
    /**
     * The application's scopes, by name in brackets ({@code pat4j.scope.[code:read].label}); a scope
     * is declared by its label.
     */
    private final Map<String, Scope> scope = new LinkedHashMap<>();
    private final Hashing hashing = new Hashing();
    private final Policy policy = new Policy();
    private final Cache cache = new Cache();
    private final Store store = new Store();
    private final Notifications notifications = new Notifications();
    private final Notices notices = new Notices();
    private final Organizations organizations = new Organizations();
    private final Web web = new Web();
    private final Mail mail = new Mail();
    private final Webhooks webhooks = new Webhooks();
    private final Throttle throttle = new Throttle();
    private final Http http = new Http();
    /**
     * The settings file of the pat CLI (its PAT4J_CONFIG variable), allowed here so that one
     * environment can serve both; the application does not read it: its settings are these
     * properties.
     */
    private @Nullable String config;

    public @Nullable String getConfig() {
        return config;
    }

    public void setConfig(@Nullable String config) {
        this.config = config;
    }

    public Token getToken() {
        return token;
    }

    public Scopes getScopes() {
        return scopes;
    }

    public Map<String, Scope> getScope() {
        return scope;
    }

    public Hashing getHashing() {
        return hashing;
    }

    public Policy getPolicy() {
        return policy;
    }

    public Cache getCache() {
        return cache;
    }

    public Store getStore() {
        return store;
    }

    public Notifications getNotifications() {
        return notifications;
    }

    public Notices getNotices() {
        return notices;
    }

    public Organizations getOrganizations() {
        return organizations;
    }

    public Web getWeb() {
        return web;
    }

    public Mail getMail() {
        return mail;
    }

    public Webhooks getWebhooks() {
        return webhooks;
    }

    public Throttle getThrottle() {
        return throttle;
    }

    public Http getHttp() {
        return http;
    }

    /**
     * The bound properties as the settings file's {@code key = value} entries, only those set, in
     * the file's key names: what {@link dev.pat4j.settings.Pat4jSettings#fromProperties} reads.
     * The application-only keys are not among them.
     */
    public Map<String, String> toSettingsEntries() {
        Map<String, String> out = new TreeMap<>();
        put(out, "pat4j.token.prefix", token.prefix);
        put(out, "pat4j.scopes.preset", scopes.preset);
        for (Map.Entry<String, Scope> e : scope.entrySet()) {
            String base = "pat4j.scope." + e.getKey() + ".";
            Scope s = e.getValue();
            put(out, base + "label", s.label);
            put(out, base + "group", s.group);
            put(out, base + "implies", s.implies == null ? null : String.join(",", s.implies));
            put(out, base + "high-privilege", s.highPrivilege);
        }
        put(out, "pat4j.hashing.algorithm", hashing.algorithm);
        put(out, "pat4j.hashing.pepper", hashing.pepper);
        put(out, "pat4j.hashing.pepper-id", hashing.pepperId);
        put(out, "pat4j.hashing.previous-peppers",
                hashing.previousPeppers == null ? null : String.join(",", hashing.previousPeppers));
        put(out, "pat4j.hashing.argon2.memory-kib", hashing.argon2.memoryKib);
        put(out, "pat4j.hashing.argon2.iterations", hashing.argon2.iterations);
        put(out, "pat4j.hashing.argon2.parallelism", hashing.argon2.parallelism);
        put(out, "pat4j.policy.max-lifespan", policy.maxLifespan);
        put(out, "pat4j.policy.extension-from", policy.extensionFrom);
        put(out, "pat4j.policy.allow-full-access", policy.allowFullAccess);
        put(out, "pat4j.policy.allow-all-organizations", policy.allowAllOrganizations);
        put(out, "pat4j.policy.max-active-per-owner", policy.maxActivePerOwner);
        put(out, "pat4j.cache.maximum-size", cache.maximumSize);
        put(out, "pat4j.cache.ttl", cache.ttl);
        put(out, "pat4j.cache.negative-maximum-size", cache.negativeMaximumSize);
        put(out, "pat4j.cache.negative-ttl", cache.negativeTtl);
        put(out, "pat4j.cache.id-filter", cache.idFilter);
        put(out, "pat4j.cache.id-filter-expected-size", cache.idFilterExpectedSize);
        put(out, "pat4j.cache.id-filter-rebuild-interval", cache.idFilterRebuildInterval);
        put(out, "pat4j.cache.unseen-ids-per-second", cache.unseenIdsPerSecond);
        put(out, "pat4j.cache.unseen-id-burst", cache.unseenIdBurst);
        put(out, "pat4j.cache.rejection-summary-interval", cache.rejectionSummaryInterval);
        put(out, "pat4j.store.url", store.url);
        put(out, "pat4j.store.user", store.user);
        put(out, "pat4j.store.password", store.password);
        put(out, "pat4j.store.change-poll-interval", store.changePollInterval);
        put(out, "pat4j.store.last-used-interval", store.lastUsedInterval);
        put(out, "pat4j.store.query-timeout", store.queryTimeout);
        put(out, "pat4j.store.connection-timeout", store.connectionTimeout);
        put(out, "pat4j.store.breaker.failures", store.breaker.failures);
        put(out, "pat4j.store.breaker.cool-down", store.breaker.coolDown);
        put(out, "pat4j.notifications.expiry-window", notifications.expiryWindow);
        put(out, "pat4j.notifications.interval", notifications.interval);
        put(out, "pat4j.notices.expiry-schedule", notices.expirySchedule == null ? null
                : String.join(",", notices.expirySchedule.stream()
                        .map(d -> d.isZero() ? "0s" : d.toString()).toList())); // the reader takes zero as 0s, not PT0S
        put(out, "pat4j.notices.delivery-interval", notices.deliveryInterval);
        put(out, "pat4j.notices.lease", notices.lease);
        put(out, "pat4j.notices.backoff", notices.backoff);
        put(out, "pat4j.notices.max-backoff", notices.maxBackoff);
        put(out, "pat4j.organizations.source", organizations.source);
        put(out, "pat4j.mail.smtp.host", mail.smtp.host);
        put(out, "pat4j.mail.smtp.port", mail.smtp.port);
        put(out, "pat4j.mail.smtp.tls", mail.smtp.tls);
        put(out, "pat4j.mail.smtp.user", mail.smtp.user);
        put(out, "pat4j.mail.smtp.password", mail.smtp.password);
        put(out, "pat4j.mail.from", mail.from);
        put(out, "pat4j.mail.from-name", mail.fromName);
        put(out, "pat4j.mail.product-name", mail.productName);
        put(out, "pat4j.mail.self-service-url", mail.selfServiceUrl);
        put(out, "pat4j.mail.kinds", mail.kinds == null ? null : String.join(",", mail.kinds));
        put(out, "pat4j.webhooks.url", webhooks.url);
        put(out, "pat4j.webhooks.secret", webhooks.secret);
        put(out, "pat4j.webhooks.kinds", webhooks.kinds == null ? null : String.join(",", webhooks.kinds));
        put(out, "pat4j.throttle.enabled", throttle.enabled);
        put(out, "pat4j.throttle.failures", throttle.failures);
        put(out, "pat4j.throttle.window", throttle.window);
        put(out, "pat4j.throttle.block", throttle.block);
        put(out, "pat4j.throttle.exempt", throttle.exempt == null ? null : String.join(",", throttle.exempt));
        put(out, "pat4j.throttle.ipv6-prefix", throttle.ipv6Prefix);
        put(out, "pat4j.throttle.max-addresses", throttle.maxAddresses);
        put(out, "pat4j.http.trusted-proxies", http.trustedProxies == null ? null
                : String.join(",", http.trustedProxies));
        put(out, "pat4j.http.forwarded-header", http.forwardedHeader);
        return out;
    }

    /** ISO-8601 for durations, which the settings reader takes as it takes {@code 30s}. */
    private static void put(Map<String, String> out, String key, @Nullable Object value) {
        if (value != null) {
            out.put(key, value.toString());
        }
    }

    /** {@code pat4j.token.*}. */
    public static class Token {
        /** The token prefix, [a-z][a-z0-9]{1,15}. Default pat. */
        private @Nullable String prefix;

        public @Nullable String getPrefix() {
            return prefix;
        }

        public void setPrefix(@Nullable String prefix) {
            this.prefix = prefix;
        }
    }

    /** {@code pat4j.scopes.*}. */
    public static class Scopes {
        /**
         * none or azure-devops: pat4j's preset of Azure DevOps-like scopes, declared besides the
         * application's own. Default none (then declare scopes with pat4j.scope.[name].label).
         */
        private @Nullable String preset;

        public @Nullable String getPreset() {
            return preset;
        }

        public void setPreset(@Nullable String preset) {
            this.preset = preset;
        }
    }

    /** One scope, {@code pat4j.scope.[name].*}. */
    public static class Scope {
        /** Declares the scope, with this label. */
        private @Nullable String label;
        /** The heading the scope is listed under. Default none. */
        private @Nullable String group;
        /** The scopes this one directly implies. Default none. */
        private @Nullable List<String> implies;
        /** Whether the scope is high-privilege. Default false. */
        private @Nullable Boolean highPrivilege;

        public @Nullable String getLabel() {
            return label;
        }

        public void setLabel(@Nullable String label) {
            this.label = label;
        }

        public @Nullable String getGroup() {
            return group;
        }

        public void setGroup(@Nullable String group) {
            this.group = group;
        }

        public @Nullable List<String> getImplies() {
            return implies;
        }

        public void setImplies(@Nullable List<String> implies) {
            this.implies = implies == null ? null : new ArrayList<>(implies);
        }

        public @Nullable Boolean getHighPrivilege() {
            return highPrivilege;
        }

        public void setHighPrivilege(@Nullable Boolean highPrivilege) {
            this.highPrivilege = highPrivilege;
        }
    }

    /** {@code pat4j.hashing.*}. */
    public static class Hashing {
        /** sha256, hmac-sha256 or argon2id. Default sha256. */
        private @Nullable String algorithm;
        /**
         * Where the pepper is, env:NAME or file:PATH (never the pepper itself); required, and only
         * allowed, with hmac-sha256.
         */
        private @Nullable String pepper;
        /** The pepper's id, stored beside each hash (required with a pepper). */
        private @Nullable String pepperId;
        /** Older peppers whose records still verify and re-hash on use, each ID:env:NAME or ID:file:PATH. */
        private @Nullable List<String> previousPeppers;
        private final Argon2 argon2 = new Argon2();

        public @Nullable String getAlgorithm() {
            return algorithm;
        }

        public void setAlgorithm(@Nullable String algorithm) {
            this.algorithm = algorithm;
        }

        public @Nullable String getPepper() {
            return pepper;
        }

        public void setPepper(@Nullable String pepper) {
            this.pepper = pepper;
        }

        public @Nullable String getPepperId() {
            return pepperId;
        }

        public void setPepperId(@Nullable String pepperId) {
            this.pepperId = pepperId;
        }

        public @Nullable List<String> getPreviousPeppers() {
            return previousPeppers;
        }

        public void setPreviousPeppers(@Nullable List<String> previousPeppers) {
            this.previousPeppers = previousPeppers == null ? null : new ArrayList<>(previousPeppers);
        }

        public Argon2 getArgon2() {
            return argon2;
        }
    }

    /** {@code pat4j.hashing.argon2.*}: only with {@code argon2id}. */
    public static class Argon2 {
        /** Argon2id's memory in KiB. Default 19456. */
        private @Nullable Integer memoryKib;
        /** Argon2id's iterations. Default 2. */
        private @Nullable Integer iterations;
        /** Argon2id's lanes. Default 1. */
        private @Nullable Integer parallelism;

        public @Nullable Integer getMemoryKib() {
            return memoryKib;
        }

        public void setMemoryKib(@Nullable Integer memoryKib) {
            this.memoryKib = memoryKib;
        }

        public @Nullable Integer getIterations() {
            return iterations;
        }

        public void setIterations(@Nullable Integer iterations) {
            this.iterations = iterations;
        }

        public @Nullable Integer getParallelism() {
            return parallelism;
        }

        public void setParallelism(@Nullable Integer parallelism) {
            this.parallelism = parallelism;
        }
    }

    /** {@code pat4j.policy.*}. */
    public static class Policy {
        /** The longest lifespan a token may have. Default 365d. */
        private @Nullable Duration maxLifespan;
        /** now or creation: what an extension's new lifespan counts from. Default now. */
        private @Nullable String extensionFrom;
        /** Whether full-access (*) tokens may be created. Default false. */
        private @Nullable Boolean allowFullAccess;
        /** Whether tokens for all organizations may be created. Default true. */
        private @Nullable Boolean allowAllOrganizations;
        /** Most active tokens per owner. Default 50. */
        private @Nullable Integer maxActivePerOwner;

        public @Nullable Duration getMaxLifespan() {
            return maxLifespan;
        }

        public void setMaxLifespan(@Nullable Duration maxLifespan) {
            this.maxLifespan = maxLifespan;
        }

        public @Nullable String getExtensionFrom() {
            return extensionFrom;
        }

        public void setExtensionFrom(@Nullable String extensionFrom) {
            this.extensionFrom = extensionFrom;
        }

        public @Nullable Boolean getAllowFullAccess() {
            return allowFullAccess;
        }

        public void setAllowFullAccess(@Nullable Boolean allowFullAccess) {
            this.allowFullAccess = allowFullAccess;
        }

        public @Nullable Boolean getAllowAllOrganizations() {
            return allowAllOrganizations;
        }

        public void setAllowAllOrganizations(@Nullable Boolean allowAllOrganizations) {
            this.allowAllOrganizations = allowAllOrganizations;
        }

        public @Nullable Integer getMaxActivePerOwner() {
            return maxActivePerOwner;
        }

        public void setMaxActivePerOwner(@Nullable Integer maxActivePerOwner) {
            this.maxActivePerOwner = maxActivePerOwner;
        }
    }

    /** {@code pat4j.cache.*}: the validation cache. */
    public static class Cache {
        /** Most tokens cached. Default 100000. */
        private @Nullable Long maximumSize;
        /** How long a verified token stays cached. Default 5m. */
        private @Nullable Duration ttl;
        /** Most unknown ids remembered. Default 10000. */
        private @Nullable Long negativeMaximumSize;
        /** How long an unknown id is remembered as unknown. Default 5s. */
        private @Nullable Duration negativeTtl;
        /** Whether a filter of live ids keeps ids the store never issued off it. Default true. */
        private @Nullable Boolean idFilter;
        /** Live ids the filter is sized for at least. Default 100000. */
        private @Nullable Long idFilterExpectedSize;
        /** How often the filter of live ids is rebuilt from the store. Default 1h. */
        private @Nullable Duration idFilterRebuildInterval;
        /** Store lookups per second of ids the filter has not seen. Default 20. */
        private @Nullable Integer unseenIdsPerSecond;
        /** Store lookups at once of ids the filter has not seen. Default 20. */
        private @Nullable Integer unseenIdBurst;
        /** At most one WARN line per interval counting rejections per reason. Default 1m. */
        private @Nullable Duration rejectionSummaryInterval;

        public @Nullable Long getMaximumSize() {
            return maximumSize;
        }

        public void setMaximumSize(@Nullable Long maximumSize) {
            this.maximumSize = maximumSize;
        }

        public @Nullable Duration getTtl() {
            return ttl;
        }

        public void setTtl(@Nullable Duration ttl) {
            this.ttl = ttl;
        }

        public @Nullable Long getNegativeMaximumSize() {
            return negativeMaximumSize;
        }

        public void setNegativeMaximumSize(@Nullable Long negativeMaximumSize) {
            this.negativeMaximumSize = negativeMaximumSize;
        }

        public @Nullable Duration getNegativeTtl() {
            return negativeTtl;
        }

        public void setNegativeTtl(@Nullable Duration negativeTtl) {
            this.negativeTtl = negativeTtl;
        }

        public @Nullable Boolean getIdFilter() {
            return idFilter;
        }

        public void setIdFilter(@Nullable Boolean idFilter) {
            this.idFilter = idFilter;
        }

        public @Nullable Long getIdFilterExpectedSize() {
            return idFilterExpectedSize;
        }

        public void setIdFilterExpectedSize(@Nullable Long idFilterExpectedSize) {
            this.idFilterExpectedSize = idFilterExpectedSize;
        }

        public @Nullable Duration getIdFilterRebuildInterval() {
            return idFilterRebuildInterval;
        }

        public void setIdFilterRebuildInterval(@Nullable Duration idFilterRebuildInterval) {
            this.idFilterRebuildInterval = idFilterRebuildInterval;
        }

        public @Nullable Integer getUnseenIdsPerSecond() {
            return unseenIdsPerSecond;
        }

        public void setUnseenIdsPerSecond(@Nullable Integer unseenIdsPerSecond) {
            this.unseenIdsPerSecond = unseenIdsPerSecond;
        }

        public @Nullable Integer getUnseenIdBurst() {
            return unseenIdBurst;
        }

        public void setUnseenIdBurst(@Nullable Integer unseenIdBurst) {
            this.unseenIdBurst = unseenIdBurst;
        }

        public @Nullable Duration getRejectionSummaryInterval() {
            return rejectionSummaryInterval;
        }

        public void setRejectionSummaryInterval(@Nullable Duration rejectionSummaryInterval) {
            this.rejectionSummaryInterval = rejectionSummaryInterval;
        }
    }

    /** {@code pat4j.store.*}. */
    public static class Store {
        /**
         * A JDBC URL without a password, for processes that open the store themselves (the pat
         * CLI on the same settings); the application's store is its DataSource.
         */
        private @Nullable String url;
        /** The database user, for the CLI (see url). */
        private @Nullable String user;
        /** Where the database password is, env:NAME or file:PATH, for the CLI (see url). */
        private @Nullable String password;
        /** How often the change feed is polled. Default 1s. */
        private @Nullable Duration changePollInterval;
        /** How often last-used times are written. Default 1m. */
        private @Nullable Duration lastUsedInterval;
        /** The deadline of every statement of the JDBC store. Default 500ms. */
        private @Nullable Duration queryTimeout;
        /** How long the CLI's own pool waits for a connection; the application's pool is its own. Default 500ms. */
        private @Nullable Duration connectionTimeout;
        /**
         * Application only: change-feed entries older than this are deleted (keep it well above
         * the cache TTL and any outage a node rides out). Default 1d.
         */
        private Duration changeRetention = Duration.ofDays(1);
        /** Application only: how often old change-feed entries are deleted. Default 1h. */
        private Duration pruneInterval = Duration.ofHours(1);
        private final Breaker breaker = new Breaker();

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getUser() {
            return user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable Duration getChangePollInterval() {
            return changePollInterval;
        }

        public void setChangePollInterval(@Nullable Duration changePollInterval) {
            this.changePollInterval = changePollInterval;
        }

        public @Nullable Duration getLastUsedInterval() {
            return lastUsedInterval;
        }

        public void setLastUsedInterval(@Nullable Duration lastUsedInterval) {
            this.lastUsedInterval = lastUsedInterval;
        }

        public @Nullable Duration getQueryTimeout() {
            return queryTimeout;
        }

        public void setQueryTimeout(@Nullable Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
        }

        public @Nullable Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(@Nullable Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        public Duration getChangeRetention() {
            return changeRetention;
        }

        public void setChangeRetention(Duration changeRetention) {
            this.changeRetention = positive("pat4j.store.change-retention", changeRetention);
        }

        public Duration getPruneInterval() {
            return pruneInterval;
        }

        public void setPruneInterval(Duration pruneInterval) {
            this.pruneInterval = positive("pat4j.store.prune-interval", pruneInterval);
        }

        public Breaker getBreaker() {
            return breaker;
        }
    }

    /** {@code pat4j.store.breaker.*}: pat4j's circuit breaker in front of its store. */
    public static class Breaker {
        /** Consecutive failed store calls that open the breaker. Default 5. */
        private @Nullable Integer failures;
        /** How long the open breaker keeps calls off the store before one probe. Default 5s. */
        private @Nullable Duration coolDown;

        public @Nullable Integer getFailures() {
            return failures;
        }

        public void setFailures(@Nullable Integer failures) {
            this.failures = failures;
        }

        public @Nullable Duration getCoolDown() {
            return coolDown;
        }

        public void setCoolDown(@Nullable Duration coolDown) {
            this.coolDown = coolDown;
        }
    }

    /** {@code pat4j.notifications.*}: expiry notices. */
    public static class Notifications {
        /** How long before expiry owners are told. Default 7d. */
        private @Nullable Duration expiryWindow;
        /** How often the expiry notifier runs (when the application listens to token events). Default 1h. */
        private @Nullable Duration interval;

        public @Nullable Duration getExpiryWindow() {
            return expiryWindow;
        }

        public void setExpiryWindow(@Nullable Duration expiryWindow) {
            this.expiryWindow = expiryWindow;
        }

        public @Nullable Duration getInterval() {
            return interval;
        }

        public void setInterval(@Nullable Duration interval) {
            this.interval = interval;
        }
    }

    /** {@code pat4j.notices.*}: the outbox of notices to token owners and its delivery. */
    public static class Notices {
        /**
         * The thresholds before expiry at which owners are told; 0d adds the notice that a token
         * expired. Default 7d (set this or pat4j.notifications.expiry-window, not both).
         */
        private @Nullable List<Duration> expirySchedule;
        /** How often due notices are delivered to the application's NotificationSender beans. Default 1m. */
        private @Nullable Duration deliveryInterval;
        /** How long a node's claim of notices holds; it must cover delivering a batch. Default 2m. */
        private @Nullable Duration lease;
        /** The wait before the first retry of a failed delivery, doubling up to max-backoff. Default 1m. */
        private @Nullable Duration backoff;
        /** The longest wait between retries of a failed delivery. Default 1h. */
        private @Nullable Duration maxBackoff;

        public @Nullable List<Duration> getExpirySchedule() {
            return expirySchedule;
        }

        public void setExpirySchedule(@Nullable List<Duration> expirySchedule) {
            this.expirySchedule = expirySchedule;
        }

        public @Nullable Duration getDeliveryInterval() {
            return deliveryInterval;
        }

        public void setDeliveryInterval(@Nullable Duration deliveryInterval) {
            this.deliveryInterval = deliveryInterval;
        }

        public @Nullable Duration getLease() {
            return lease;
        }

        public void setLease(@Nullable Duration lease) {
            this.lease = lease;
        }

        public @Nullable Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(@Nullable Duration backoff) {
            this.backoff = backoff;
        }

        public @Nullable Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(@Nullable Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }

    /**
     * {@code pat4j.mail.*}: notices mailed through pat4j-mail's MailNoticeSender (with a
     * RecipientResolver bean naming each owner's address), as the settings file's keys.
     */
    public static class Mail {
        private final Smtp smtp = new Smtp();
        /** The sender's address; required with a server. */
        private @Nullable String from;
        /** The sender's display name. */
        private @Nullable String fromName;
        /** The application's name as mails call it ("Acme Git"). Default pat4j. */
        private @Nullable String productName;
        /** The page where owners manage their tokens, linked from every mail. */
        private @Nullable String selfServiceUrl;
        /** The notice kinds mailed (created, expiring, expired, revoked-by-administrator, leaked). Default all. */
        private @Nullable List<String> kinds;

        public Smtp getSmtp() {
            return smtp;
        }

        public @Nullable String getFrom() {
            return from;
        }

        public void setFrom(@Nullable String from) {
            this.from = from;
        }

        public @Nullable String getFromName() {
            return fromName;
        }

        public void setFromName(@Nullable String fromName) {
            this.fromName = fromName;
        }

        public @Nullable String getProductName() {
            return productName;
        }

        public void setProductName(@Nullable String productName) {
            this.productName = productName;
        }

        public @Nullable String getSelfServiceUrl() {
            return selfServiceUrl;
        }

        public void setSelfServiceUrl(@Nullable String selfServiceUrl) {
            this.selfServiceUrl = selfServiceUrl;
        }

        public @Nullable List<String> getKinds() {
            return kinds;
        }

        public void setKinds(@Nullable List<String> kinds) {
            this.kinds = kinds;
        }
    }

    /** {@code pat4j.mail.smtp.*}: the SMTP server. */
    public static class Smtp {
        /** The SMTP server; without it nothing is mailed. */
        private @Nullable String host;
        /** The port. Default that of the TLS mode: 25, 587 or 465. */
        private @Nullable Integer port;
        /** none, opportunistic, starttls or smtps. Default starttls with a user, else opportunistic. */
        private @Nullable String tls;
        /** The login. */
        private @Nullable String user;
        /** The login's password, by reference only: env:NAME or file:PATH. */
        private @Nullable String password;

        public @Nullable String getHost() {
            return host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public @Nullable Integer getPort() {
            return port;
        }

        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        public @Nullable String getTls() {
            return tls;
        }

        public void setTls(@Nullable String tls) {
            this.tls = tls;
        }

        public @Nullable String getUser() {
            return user;
        }

        public void setUser(@Nullable String user) {
            this.user = user;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** {@code pat4j.webhooks.*}: notices posted as signed JSON through pat4j-webhooks' WebhookNoticeSender. */
    public static class Webhooks {
        /** The receiver: https, or http on loopback; without it nothing is posted. */
        private @Nullable String url;
        /** The Standard Webhooks signing secret (whsec_...), by reference only: env:NAME or file:PATH. */
        private @Nullable String secret;
        /** The notice kinds posted. Default every kind. */
        private @Nullable List<String> kinds;

        public @Nullable String getUrl() {
            return url;
        }

        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        public @Nullable String getSecret() {
            return secret;
        }

        public void setSecret(@Nullable String secret) {
            this.secret = secret;
        }

        public @Nullable List<String> getKinds() {
            return kinds;
        }

        public void setKinds(@Nullable List<String> kinds) {
            this.kinds = kinds;
        }
    }

    /**
     * {@code pat4j.web.*}: application only: pat4j's management REST API (module pat4j-web)
     * mounted in the application, behind its Spring Security chain.
     */
    public static class Web {
        /** Whether the management API is mounted (needs pat4j-web on the class path). Default false. */
        private boolean enabled;
        /** Where the API is mounted: its routes are below this path. Default /pat4j/api. */
        private String basePath = "/pat4j/api";
        /**
         * The authority (of the signed-in user's Authentication, never of a token) that makes an
         * administrator of pat4j's API. Default ROLE_PAT4J_ADMIN (Spring's roles("PAT4J_ADMIN")).
         */
        private String adminAuthority = "ROLE_PAT4J_ADMIN";
        /**
         * A scope that lets a token call the users' routes for its owner (a script's token);
         * without it a token can only introspect and revoke itself. Default none.
         */
        private @Nullable String allowTokensWithScope;
        /** The lifespan of a token created without an expiry, capped by the policy's maximum. Default 30d. */
        private Duration defaultLifespan = Duration.ofDays(30);
        /**
         * Origins (scheme://host[:port]) whose pages may call the API; default the request's own,
         * which a proxy that rewrites Host or TLS hides: name the public origin then.
         */
        private List<String> allowedOrigins = new ArrayList<>();
        /**
         * Whose CSRF protection guards the API's session calls: spring (Spring Security's
         * CsrfToken, as for the application's own forms; GET {base-path}/csrf hands it out) or
         * pat4j (the API's own synchronizer token, for chains without Spring's CSRF protection).
         * Default spring.
         */
        private Csrf csrf = Csrf.SPRING;
        private final Page page = new Page();

        public Page getPage() {
            return page;
        }

        /** {@code pat4j.web.page.*}: the self-service page, a client of the API, mounted beside it. */
        public static class Page {
            /** Whether the page is mounted with the API. Default true. */
            private boolean enabled = true;
            /** Where the page is served. Default /pat4j/tokens. */
            private String path = "/pat4j/tokens";
            /** The page's title and heading. Default "Personal access tokens". */
            private @Nullable String title;
            /** Scopes the form lists first; the rest are behind "Show all scopes". Default none: all at once. */
            private List<String> commonScopes = new ArrayList<>();
            /** A stylesheet of the application's, loaded after pat4j's (its --pat4j-* custom properties theme the page). */
            private @Nullable String stylesheet;

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public String getPath() {
                return path;
            }

            public void setPath(String path) {
                if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
                    throw new IllegalArgumentException("pat4j.web.page.path must be a path such as /pat4j/tokens: "
                            + "segments of letters, digits, '.', '_', '~' and '-', no trailing '/'");
                }
                this.path = path;
            }

            public @Nullable String getTitle() {
                return title;
            }

            public void setTitle(@Nullable String title) {
                this.title = title;
            }

            public List<String> getCommonScopes() {
                return commonScopes;
            }

            public void setCommonScopes(List<String> commonScopes) {
                this.commonScopes = commonScopes;
            }

            public @Nullable String getStylesheet() {
                return stylesheet;
            }

            public void setStylesheet(@Nullable String stylesheet) {
                this.stylesheet = stylesheet;
            }
        }

        /** Whose CSRF protection guards the management API. */
        public enum Csrf {
            /** Spring Security's CsrfFilter and CsrfToken. */
            SPRING,
            /** The API's own synchronizer token, in the session. */
            PAT4J
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            if (basePath == null || !basePath.matches("(/[A-Za-z0-9._~-]+)+")) {
                throw new IllegalArgumentException("pat4j.web.base-path must be a path such as /pat4j/api: segments "
                        + "of letters, digits, '.', '_', '~' or '-', no trailing slash");
            }
            this.basePath = basePath;
        }

        public String getAdminAuthority() {
            return adminAuthority;
        }

        public void setAdminAuthority(String adminAuthority) {
            if (adminAuthority == null || adminAuthority.isBlank()) {
                throw new IllegalArgumentException("pat4j.web.admin-authority must not be blank");
            }
            this.adminAuthority = adminAuthority;
        }

        public @Nullable String getAllowTokensWithScope() {
            return allowTokensWithScope;
        }

        public void setAllowTokensWithScope(@Nullable String allowTokensWithScope) {
            this.allowTokensWithScope = allowTokensWithScope;
        }

        public Duration getDefaultLifespan() {
            return defaultLifespan;
        }

        public void setDefaultLifespan(Duration defaultLifespan) {
            this.defaultLifespan = positive("pat4j.web.default-lifespan", defaultLifespan);
        }

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = new ArrayList<>(allowedOrigins);
        }

        public Csrf getCsrf() {
            return csrf;
        }

        public void setCsrf(Csrf csrf) {
            this.csrf = csrf;
        }
    }

    /** {@code pat4j.throttle.*}: failed-attempt throttling per client address, on unless disabled. */
    public static class Throttle {
        /** Whether failed token checks are throttled per client address. Default true. */
        private @Nullable Boolean enabled;
        /** Failed checks from one address within the window that block it (1 to 1000). Default 10. */
        private @Nullable Integer failures;
        /** The sliding window failures count in, at most a day. Default 60s. */
        private @Nullable Duration window;
        /** How long a blocked address waits (its Retry-After), at most a day. Default 60s. */
        private @Nullable Duration block;
        /** Address ranges never throttled (a shared NAT, CI runners), such as 10.0.0.0/8. Default none. */
        private @Nullable List<String> exempt;
        /** The prefix length IPv6 addresses are counted by (1 to 128). Default 64. */
        private @Nullable Integer ipv6Prefix;
        /** The most addresses tracked at once. Default 100000. */
        private @Nullable Long maxAddresses;

        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Integer getFailures() {
            return failures;
        }

        public void setFailures(@Nullable Integer failures) {
            this.failures = failures;
        }

        public @Nullable Duration getWindow() {
            return window;
        }

        public void setWindow(@Nullable Duration window) {
            this.window = window == null ? null : positive("pat4j.throttle.window", window);
        }

        public @Nullable Duration getBlock() {
            return block;
        }

        public void setBlock(@Nullable Duration block) {
            this.block = block == null ? null : positive("pat4j.throttle.block", block);
        }

        public @Nullable List<String> getExempt() {
            return exempt;
        }

        public void setExempt(@Nullable List<String> exempt) {
            this.exempt = exempt;
        }

        public @Nullable Integer getIpv6Prefix() {
            return ipv6Prefix;
        }

        public void setIpv6Prefix(@Nullable Integer ipv6Prefix) {
            this.ipv6Prefix = ipv6Prefix;
        }

        public @Nullable Long getMaxAddresses() {
            return maxAddresses;
        }

        public void setMaxAddresses(@Nullable Long maxAddresses) {
            this.maxAddresses = maxAddresses;
        }
    }

    /** {@code pat4j.http.*}: how a request's client address is found. */
    public static class Http {
        /**
         * Address ranges of the reverse proxies whose forwarding header is believed, such as
         * 10.0.0.0/8. Default none: the connection's peer is the client.
         */
        private @Nullable List<String> trustedProxies;
        /** The one header read from trusted proxies: x-forwarded-for or forwarded (RFC 7239). Default x-forwarded-for. */
        private @Nullable String forwardedHeader;

        public @Nullable List<String> getTrustedProxies() {
            return trustedProxies;
        }

        public void setTrustedProxies(@Nullable List<String> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }

        public @Nullable String getForwardedHeader() {
            return forwardedHeader;
        }

        public void setForwardedHeader(@Nullable String forwardedHeader) {
            this.forwardedHeader = forwardedHeader;
        }
    }

    /** {@code pat4j.organizations.*}. */
    public static class Organizations {
        /** none, header:NAME or path-segment:INDEX: where a request names its organization. Default none. */
        private @Nullable String source;

        public @Nullable String getSource() {
            return source;
        }

        public void setSource(@Nullable String source) {
            this.source = source;
        }
    }

    private static Duration positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
        return d;
    }
}
