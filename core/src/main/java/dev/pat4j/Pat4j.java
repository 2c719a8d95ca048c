package dev.pat4j;

import dev.pat4j.event.TokenEventListener;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.internal.CacheSettings;
import dev.pat4j.internal.ChangeFollower;
import dev.pat4j.internal.DefaultExpiryNotifier;
import dev.pat4j.internal.DefaultTokenService;
import dev.pat4j.internal.DefaultTokenValidator;
import dev.pat4j.internal.EventDispatcher;
import dev.pat4j.internal.ExpiryNoticeRaiser;
import dev.pat4j.internal.ExpirySchedule;
import dev.pat4j.internal.IdFilterSettings;
import dev.pat4j.internal.LastUsedRecorder;
import dev.pat4j.internal.NoticeBackoff;
import dev.pat4j.internal.NoticeDelivery;
import dev.pat4j.internal.Observers;
import dev.pat4j.internal.OutboxNotices;
import dev.pat4j.internal.OwnerRightsView;
import dev.pat4j.internal.SecretHasher;
import dev.pat4j.internal.SettingsFingerprint;
import dev.pat4j.internal.StoreBreaker;
import dev.pat4j.internal.TokenCodec;
import dev.pat4j.internal.TokenViews;
import dev.pat4j.lifecycle.ExpiryNotifier;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.notice.NoticeKind;
import dev.pat4j.notice.Notices;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.owner.OwnerDirectory;
import dev.pat4j.scan.TokenScanner;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.LiveTokenIds;
import dev.pat4j.store.NoticeOutbox;
import dev.pat4j.store.SettingsFingerprintStore;
import dev.pat4j.store.TokenStore;
import dev.pat4j.token.TokenFormat;
import dev.pat4j.validation.TokenValidator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pat4j's entry point: built once from a store, a scope catalog and settings, it hands out
 * the {@link TokenService} (management), the {@link TokenValidator} (the request path), the
 * {@link ExpiryNotifier}, the {@link Notices} (the outbox of notices to owners, delivered through
 * the {@linkplain Builder#notificationSender senders}) and a {@link TokenScanner}. Immutable and
 * thread-safe; {@link #close()} stops its one background thread (last-used writes, change-feed polling, rebuilds of the filter
 * of live ids, the rejection summary) after a final flush.
 * Unless {@link Builder#owners(OwnerDirectory)} says otherwise, every owner is active and holds
 * every scope and organization, so a token grants exactly its own scopes.
 *
 * <pre>{@code
 * Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).build();
 * IssuedToken issued = pat4j.tokens().create(NewToken.builder("alice", "ci")
 *         .organization("acme").lifespan(Duration.ofDays(30)).scopes("code:read").build(),
 *         Actor.user("alice"));
 * ValidationResult result = pat4j.validator().check("Bearer " + issued.token(), "acme");
 * }</pre>
 */
public final class Pat4j implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pat4j.class);

    private final TokenStore store;
    private final StoreBreaker breaker;
    private final ScopeCatalog catalog;
    private final TokenPolicy policy;
    private final OwnerDirectory owners;
    private final TokenFormat format;
    private final Clock clock;
    private final TokenService tokens;
    private final DefaultTokenValidator validator;
    private final ExpiryNotifier expiryNotifier;
    private final Notices notices;
    private final TokenScanner scanner;
    private final LastUsedRecorder lastUsed;
    private final ScheduledThreadPoolExecutor background;
    private final AutoCloseable changeSubscription;
    private final ChangeFollower follower;

    private Pat4j(Builder b, TokenStore given) {
        this.store = given;
        // Every call pat4j makes goes through the breaker, so a dead store costs nobody a deadline
        // once it has failed often enough; the application's own calls to its store do not.
        Observers observers = new Observers(b.observers);
        this.breaker = new StoreBreaker(given, b.clock, b.breakerFailures, b.breakerCoolDown, observers);
        TokenStore guarded = breaker;
        this.catalog = b.catalog;
        this.policy = b.policy;
        this.owners = b.owners;
        this.format = TokenFormat.withPrefix(b.prefix);
        this.clock = b.clock;
        this.background = new ScheduledThreadPoolExecutor(1,
                daemonThreads("pat4j-background-" + Integer.toHexString(System.identityHashCode(this))));
        this.background.setRemoveOnCancelPolicy(true);
        SecureRandom random = new SecureRandom();
        TokenCodec codec = new TokenCodec(b.prefix);
        SecretHasher hasher = new SecretHasher(b.hashing, random);
        TokenViews views = new TokenViews(catalog);
        OwnerRightsView owners = new OwnerRightsView(b.owners, catalog);
        EventDispatcher events = new EventDispatcher(b.listeners);
        this.lastUsed = new LastUsedRecorder(guarded, b.lastUsedInterval.toMillis());
        this.validator = new DefaultTokenValidator(codec, guarded, hasher, views, owners, clock, lastUsed, background,
                new CacheSettings(b.cacheMaximumSize, b.cacheTtl, b.negativeCacheMaximumSize, b.negativeCacheTtl),
                b.boundTokensWithoutOrganization, b.idFilterSettings(), b.rejectionSummaryInterval, observers);
        this.tokens = new DefaultTokenService(guarded, catalog, b.policy, owners, clock, codec, hasher, random, views,
                validator, events);
        Optional<NoticeOutbox> outbox = guarded.capability(NoticeOutbox.class);
        ExpiryNoticeRaiser raiser = outbox.map(o -> new ExpiryNoticeRaiser(guarded, o, clock, b.expirySchedule, views,
                events)).orElse(null);
        this.expiryNotifier = raiser != null ? raiserAsNotifier(raiser)
                : new DefaultExpiryNotifier(guarded, clock, b.expirySchedule.widest().orElse(Duration.ZERO), views,
                        events);
        NoticeDelivery delivery = outbox.map(o -> new NoticeDelivery(o, guarded, b.senders, views, clock,
                leaseOwner(random), b.noticeLease, b.noticeBackoff, NOTICE_BATCH)).orElse(null);
        this.notices = new OutboxNotices(outbox.orElse(null), raiser, expiryNotifier, delivery,
                b.senders.stream().map(NotificationSender::name).toList());
        this.scanner = TokenScanner.forFormat(format);

        ChangeFollower follower = new ChangeFollower(guarded, validator, clock); // its cursor first: no create falls between
        this.follower = follower;
        startIdFilter(b);
        long summary = b.rejectionSummaryInterval.toMillis();
        background.scheduleWithFixedDelay(validator::summarizeRejections, summary, summary, TimeUnit.MILLISECONDS);
        long poll = b.changePollInterval.toMillis();
        background.scheduleWithFixedDelay(follower::poll, poll, poll, TimeUnit.MILLISECONDS);
        long flush = b.lastUsedInterval.toMillis();
        background.scheduleWithFixedDelay(lastUsed::flush, flush, flush, TimeUnit.MILLISECONDS);
        // A burst of notifications needs one poll, not one each: queue at most one at a time.
        AtomicBoolean pollQueued = new AtomicBoolean();
        this.changeSubscription = guarded.onChange(() -> {
            if (!background.isShutdown() && pollQueued.compareAndSet(false, true)) {
                background.execute(() -> {
                    pollQueued.set(false);
                    follower.poll();
                });
            }
        });
    }

    /** Names this instance in the leases it takes: the process, for operators, and a random part, for uniqueness. */
    private static String leaseOwner(SecureRandom random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return "pid" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(bytes);
    }

    /** The notifier as it was before the outbox: the tokens newly announced as expiring, at any threshold. */
    private static ExpiryNotifier raiserAsNotifier(ExpiryNoticeRaiser raiser) {
        return () -> raiser.raise().stream().filter(r -> r.notice().kind().equals(NoticeKind.EXPIRING))
                .map(ExpiryNoticeRaiser.Raised::token).toList();
    }

    /**
     * Builds the filter of live ids now, so forged ids are kept off the store from the first
     * request, and schedules its rebuilds. A store that cannot list live ids gets no filter; one
     * that cannot be reached now gets it at the first rebuild that succeeds.
     */
    private void startIdFilter(Builder b) {
        // through the breaker: a rebuild reads every live id, never from a store the breaker holds off
        Optional<LiveTokenIds> live = b.idFilter ? breaker.capability(LiveTokenIds.class) : Optional.empty();
        if (live.isEmpty()) {
            if (b.idFilter) {
                LOG.info("the token store does not offer LiveTokenIds: no filter of live ids, every unknown id "
                        + "is looked up in the store");
            }
            return;
        }
        Runnable rebuild = () -> {
            try {
                validator.rebuildIdFilter(live.get(), clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("cannot build the filter of live token ids; {}: {}", validator.filteringIds()
                        ? "the previous one stays" : "unknown ids are looked up in the store", e.getMessage());
            }
        };
        rebuild.run();
        long every = b.idFilterRebuildInterval.toMillis();
        background.scheduleWithFixedDelay(rebuild, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts a configuration; {@link Builder#scopes} (or {@link Builder#settings}) is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * pat4j as {@code settings} describe it, on {@code store}: the same as
     * {@code builder().settings(settings).store(store).build()}.
     *
     * @throws dev.pat4j.settings.SettingsException if a pepper cannot be read
     * @throws dev.pat4j.settings.SettingsMismatchException if the store records other settings
     */
    public static Pat4j fromSettings(Pat4jSettings settings, TokenStore store) {
        return builder().settings(settings).store(store).build();
    }

    /** Token management. */
    public TokenService tokens() {
        return tokens;
    }

    /** The request path: header in, result out. */
    public TokenValidator validator() {
        return validator;
    }

    /** The notifier the application schedules to announce tokens about to expire. */
    public ExpiryNotifier expiryNotifier() {
        return expiryNotifier;
    }

    /**
     * The outbox of notices to token owners: raising expiry notices, delivering what is due
     * through the {@linkplain Builder#notificationSender senders}, listing for operators.
     */
    public Notices notices() {
        return notices;
    }

    /** A scanner for this instance's token prefix. */
    public TokenScanner scanner() {
        return scanner;
    }

    public ScopeCatalog catalog() {
        return catalog;
    }

    /** The rules of create, extend and re-scope, as given to {@link Builder#policy}. */
    public TokenPolicy policy() {
        return policy;
    }

    /**
     * What each owner may do, as given to {@link Builder#owners}: for a management interface that
     * offers a user only the scopes and organizations they may bind a token to.
     */
    public OwnerDirectory owners() {
        return owners;
    }

    public TokenFormat format() {
        return format;
    }

    /** The store as the application gave it (pat4j's own calls go through its circuit breaker). */
    public TokenStore store() {
        return store;
    }

    /**
     * How long until pat4j calls its store again while its circuit breaker is open (see
     * {@link Builder#breakerFailures}): the rest of the cool-down, or zero while the one probe
     * call runs or is due. Empty while the breaker is closed, whether or not the store's last
     * call failed. The HTTP layer sends it as {@code Retry-After}.
     */
    public Optional<Duration> storeRetryAfter() {
        return breaker.retryAfter();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Where this node stands in its store's change feed, which carries revocations made on other
     * nodes to this node's cache: the last change applied, when the feed was last read, whether
     * reading it fails now. Read without calling the store; compare {@link ChangeFeedStatus#position()}
     * with {@link TokenStore#changeHead()} for the lag.
     */
    public ChangeFeedStatus changeFeed() {
        return follower.status();
    }

    /**
     * About how many tokens the validation cache holds now: an estimate, for metrics (entries past
     * their TTL count until they are evicted).
     */
    public long cacheSize() {
        return validator.cachedTokens();
    }

    /** Flushes pending last-used times and stops the background thread. Idempotent. */
    @Override
    public void close() {
        if (background.isShutdown()) {
            return;
        }
        try {
            changeSubscription.close();
        } catch (Exception e) {
            LOG.warn("closing the change subscription failed: {}", e.getMessage());
        }
        background.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lastUsed.flush();
    }

    private static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** How many consecutive failed store calls open the circuit breaker unless configured. */
    public static final int DEFAULT_BREAKER_FAILURES = 5;
    /** How long an open circuit breaker keeps calls off the store unless configured. */
    public static final Duration DEFAULT_BREAKER_COOL_DOWN = Duration.ofSeconds(5);
    /** How long a claim of notices holds unless configured. */
    public static final Duration DEFAULT_NOTICE_LEASE = Duration.ofMinutes(2);
    /** How long after a first failed delivery a notice is tried again unless configured. */
    public static final Duration DEFAULT_NOTICE_BACKOFF = Duration.ofMinutes(1);
    /** The longest wait between two attempts to deliver a notice unless configured. */
    public static final Duration DEFAULT_NOTICE_MAX_BACKOFF = Duration.ofHours(1);
    /** How many notices one claim takes: the lease must cover delivering them all. */
    private static final int NOTICE_BATCH = 20;

    /** Configures a {@link Pat4j}; each setter validates its argument at once. */
    public static final class Builder {
        private TokenStore store; // null: none chosen, build() falls back to memory and says so
        private InMemoryTokenStore fallbackStore; // made by the first build without a store, shared by later ones
        private ScopeCatalog catalog;
        private TokenPolicy policy = TokenPolicy.defaults();
        private OwnerDirectory owners = OwnerDirectory.everything();
        private Clock clock = Clock.systemUTC();
        private String prefix = TokenFormat.DEFAULT_PREFIX;
        private SecretHashing hashing = SecretHashing.sha256();
        private long cacheMaximumSize = 100_000;
        private Duration cacheTtl = Duration.ofMinutes(5);
        private long negativeCacheMaximumSize = 10_000;
        private Duration negativeCacheTtl = Duration.ofSeconds(5);
        private Duration lastUsedInterval = Duration.ofMinutes(1);
        private Duration changePollInterval = Duration.ofSeconds(1);
        private ExpirySchedule expirySchedule = ExpirySchedule.of(List.of(Duration.ofDays(7)));
        private int breakerFailures = DEFAULT_BREAKER_FAILURES;
        private Duration breakerCoolDown = DEFAULT_BREAKER_COOL_DOWN;
        private boolean boundTokensWithoutOrganization;
        private boolean idFilter = true;
        private long idFilterExpectedSize = 100_000;
        private Duration idFilterRebuildInterval = Duration.ofHours(1);
        private int unseenIdsPerSecond = 20;
        private int unseenIdBurst = 20;
        private Duration rejectionSummaryInterval = Duration.ofMinutes(1);
        private final List<TokenEventListener> listeners = new ArrayList<>();
        private final List<Pat4jObserver> observers = new ArrayList<>();
        private final List<NotificationSender> senders = new ArrayList<>();
        private Duration noticeLease = DEFAULT_NOTICE_LEASE;
        private NoticeBackoff noticeBackoff = new NoticeBackoff(DEFAULT_NOTICE_BACKOFF, DEFAULT_NOTICE_MAX_BACKOFF);

        private Builder() {
        }

        /**
         * Where tokens live: for several nodes or tokens that survive a restart, a
         * {@code JdbcTokenStore} (pat4j-jdbc). Without a store, build() keeps tokens in this JVM's
         * memory and logs a warning; pass {@code new InMemoryTokenStore()} to choose memory on purpose.
         */
        public Builder store(TokenStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The application's scopes (required). */
        public Builder scopes(ScopeCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /** The rules of create, extend and re-scope; default {@link TokenPolicy#defaults()}. */
        public Builder policy(TokenPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What each owner may do: the scopes they hold, the organizations they may bind tokens to,
         * whether they are active (see {@link OwnerDirectory}). Tokens are created, extended and
         * re-scoped only within these rights, and at validation grant their scopes narrowed to
         * them. Default {@link OwnerDirectory#everything()}: every owner is active and holds every
         * scope and organization, so a token grants exactly its own scopes.
         */
        public Builder owners(OwnerDirectory directory) {
            this.owners = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The clock for creation, expiry and last-used times; default: UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The token prefix, {@code [a-z][a-z0-9]{1,15}}; default {@code pat}. */
        public Builder prefix(String prefix) {
            TokenFormat.withPrefix(prefix);
            this.prefix = prefix;
            return this;
        }

        /** How new secrets are hashed; default SHA-256. Records of other algorithms still verify. */
        public Builder hashing(SecretHashing hashing) {
            this.hashing = Objects.requireNonNull(hashing, "hashing");
            return this;
        }

        /** Most tokens the validation cache holds; default 100,000. */
        public Builder cacheMaximumSize(long size) {
            this.cacheMaximumSize = positive("cacheMaximumSize", size);
            return this;
        }

        /**
         * How long a verified token stays cached; default five minutes. Revocations reach the
         * cache through the change feed sooner; this bounds staleness if the feed is unreadable.
         */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = positive("cacheTtl", ttl);
            return this;
        }

        /** How long an unknown id is remembered as unknown; default five seconds. */
        public Builder negativeCacheTtl(Duration ttl) {
            this.negativeCacheTtl = positive("negativeCacheTtl", ttl);
            return this;
        }

        /** Most unknown ids remembered; default 10,000. */
        public Builder negativeCacheMaximumSize(long size) {
            this.negativeCacheMaximumSize = positive("negativeCacheMaximumSize", size);
            return this;
        }

        /**
         * Whether the validator keeps a filter of live token ids (a Bloom filter, at most 1 % false
         * positives at its expected size), so that an id the store never issued is refused as
         * unknown without a store call once the {@linkplain #unseenIdBudget(int, int) budget for unseen ids}
         * is spent; default true. It is built from the store when {@link #build()} runs, and needs
         * a store offering {@link LiveTokenIds} (both shipped stores do); with any other store there
         * is no filter, and every unknown id is looked up as before.
         */
        public Builder idFilter(boolean enabled) {
            this.idFilter = enabled;
            return this;
        }

        /**
         * How many live ids the filter is sized for at least (about 1.2 bytes each); default
         * 100,000. It is sized for twice the live tokens when there are more.
         */
        public Builder idFilterExpectedSize(long size) {
            this.idFilterExpectedSize = positive("idFilterExpectedSize", size);
            return this;
        }

        /**
         * How often the filter of live ids is rebuilt from the store (dropping revoked and expired
         * ids, resizing it to the store); default one hour.
         */
        public Builder idFilterRebuildInterval(Duration interval) {
            this.idFilterRebuildInterval = positive("idFilterRebuildInterval", interval);
            return this;
        }

        /**
         * How many store lookups per second, and at once, ids the filter of live ids has not seen
         * may cost; default 20 and 20. Such an id is normally a forged one, but may be a token
         * another node created a moment ago, before this node read the change feed: within the
         * budget it is looked up (and then validates at once); beyond it, it is refused as
         * {@link dev.pat4j.validation.RejectionReason#UNKNOWN} without a store call.
         */
        public Builder unseenIdBudget(int perSecond, int burst) {
            this.unseenIdsPerSecond = (int) positive("unseenIdBudget perSecond", perSecond);
            this.unseenIdBurst = (int) positive("unseenIdBudget burst", burst);
            return this;
        }

        /**
         * How often, at most, the validator logs one WARN line counting the rejections of the
         * interval per reason ({@code rejected in the last 60 s: UNKNOWN=4000, BAD_CHECKSUM=12});
         * each rejection is logged at DEBUG only. Default one minute.
         */
        public Builder rejectionSummaryInterval(Duration interval) {
            this.rejectionSummaryInterval = positive("rejectionSummaryInterval", interval);
            return this;
        }

        private IdFilterSettings idFilterSettings() {
            return new IdFilterSettings(idFilter, idFilterExpectedSize, idFilterRebuildInterval, unseenIdsPerSecond,
                    unseenIdBurst);
        }

        /** How often last-used times are written (at most one write per token per interval); default one minute. */
        public Builder lastUsedInterval(Duration interval) {
            this.lastUsedInterval = positive("lastUsedInterval", interval);
            return this;
        }

        /** How often the store's change feed is polled; default one second. */
        public Builder changePollInterval(Duration interval) {
            this.changePollInterval = positive("changePollInterval", interval);
            return this;
        }

        /**
         * How long before expiry owners are told, once: the same as {@code expirySchedule(window)};
         * default seven days.
         */
        public Builder expiryNoticeWindow(Duration window) {
            return expirySchedule(List.of(positive("expiryNoticeWindow", window)));
        }

        /**
         * The thresholds before expiry at which owners are told; default seven days alone. GitLab
         * tells them at 60, 30 and 7 days and on the day: {@code expirySchedule(List.of(
         * Duration.ofDays(60), Duration.ofDays(30), Duration.ofDays(7), Duration.ZERO))}. A token
         * gets one notice per threshold and expiry, that of the shortest threshold it is within
         * when the schedule runs (under 60, 30 and 7 days, a token created with ten days left
         * gets the 30-day notice, three days later the 7-day one, and never the 60-day one). Zero stands for the notice that a token has
         * expired, raised when the schedule runs within a day after its expiry. Extending a token
         * re-arms its thresholds for the new expiry. The notices go through the store's outbox
         * ({@link NoticeOutbox}); on a store without one, only the widest threshold is announced,
         * as events.
         *
         * @throws IllegalArgumentException if there is no threshold, or one is negative
         */
        public Builder expirySchedule(List<Duration> thresholds) {
            this.expirySchedule = ExpirySchedule.of(Objects.requireNonNull(thresholds, "thresholds"));
            return this;
        }

        /**
         * After how many consecutive failed store calls (a failure, or a deadline the store
         * enforces, such as the JDBC store's query timeout) pat4j stops calling its store for the
         * {@linkplain #breakerCoolDown cool-down}; default {@value #DEFAULT_BREAKER_FAILURES}.
         * While this circuit breaker is open, every store call pat4j would make fails at once with
         * {@link dev.pat4j.store.StoreUnavailableException}: tokens not verified in the cache are
         * rejected as {@link dev.pat4j.validation.RejectionReason#STORE_UNAVAILABLE} (HTTP 503 with
         * {@code Retry-After}), management calls throw, and cached tokens keep working within their
         * TTL. After the cool-down one call probes the store (every other caller still fails at
         * once); its success closes the breaker, its failure opens it again. Any call counts:
         * the validator's loads, management calls, the change feed and last-used writes.
         */
        public Builder breakerFailures(int failures) {
            this.breakerFailures = (int) positive("breakerFailures", failures);
            return this;
        }

        /**
         * How long the open circuit breaker keeps calls off the store before it probes; default
         * five seconds, measured on the {@linkplain #clock clock}. See {@link #breakerFailures}.
         */
        public Builder breakerCoolDown(Duration coolDown) {
            this.breakerCoolDown = positive("breakerCoolDown", coolDown);
            return this;
        }

        /**
         * Whether a token bound to one organization is accepted on a request that names no
         * organization; default false: such a request gets
         * {@link dev.pat4j.validation.RejectionReason#ORGANIZATION_REQUIRED} (fail closed), since a
         * path where no organization is resolved could otherwise serve one organization's data to
         * another's token. Set it to true only where every organization-bound resource resolves
         * its organization, and the organization-less requests are ones any of the owner's tokens
         * may make (a profile page, say). All-organization tokens are accepted on such requests
         * either way.
         */
        public Builder acceptBoundTokensWithoutOrganization(boolean accept) {
            this.boundTokensWithoutOrganization = accept;
            return this;
        }

        /**
         * Takes everything {@code settings} describe: scopes, prefix, hashing (its peppers read
         * now), policy, cache (with the filter of live ids, its budget and the rejection summary), the store's poll and
         * last-used intervals, its circuit breaker, and the notices' expiry
         * schedule, lease and backoff. The store itself, the clock, listeners and senders are set separately; setters called
         * after this one override single values.
         *
         * @throws dev.pat4j.settings.SettingsException if a pepper cannot be read
         */
        public Builder settings(Pat4jSettings settings) {
            Objects.requireNonNull(settings, "settings");
            scopes(settings.scopes());
            prefix(settings.tokenPrefix());
            hashing(settings.hashing().secretHashing());
            policy(settings.policy());
            cacheMaximumSize(settings.cache().maximumSize());
            cacheTtl(settings.cache().ttl());
            negativeCacheMaximumSize(settings.cache().negativeMaximumSize());
            negativeCacheTtl(settings.cache().negativeTtl());
            idFilter(settings.cache().idFilter());
            idFilterExpectedSize(settings.cache().idFilterExpectedSize());
            idFilterRebuildInterval(settings.cache().idFilterRebuildInterval());
            unseenIdBudget(settings.cache().unseenIdsPerSecond(), settings.cache().unseenIdBurst());
            rejectionSummaryInterval(settings.cache().rejectionSummaryInterval());
            changePollInterval(settings.store().changePollInterval());
            lastUsedInterval(settings.store().lastUsedInterval());
            breakerFailures(settings.store().breaker().failures());
            breakerCoolDown(settings.store().breaker().coolDown());
            expirySchedule(settings.notices().expirySchedule());
            noticeLease(settings.notices().lease());
            noticeBackoff(settings.notices().backoff(), settings.notices().maxBackoff());
            return this;
        }

        /**
         * Adds a channel through which {@link #notices()} delivers notices (mail, a webhook, the
         * console); several may be added, each under its own {@link NotificationSender#name()}.
         * Needs a store with an outbox ({@link NoticeOutbox}: both shipped stores have one).
         * Without a sender no notice is delivered: they wait in the outbox.
         *
         * @throws IllegalArgumentException if the name is not a valid channel name (as a
         *     {@link NoticeKind}'s) or another sender has it
         */
        public Builder notificationSender(NotificationSender sender) {
            Objects.requireNonNull(sender, "sender");
            String name = sender.name();
            try {
                new NoticeKind(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("a sender's name is [a-z][a-z0-9-]{0,39}, not \"" + name + "\"");
            }
            if (senders.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("two senders are named \"" + name + "\"");
            }
            senders.add(sender);
            return this;
        }

        /**
         * How long a claim of notices holds: a node that takes a batch and then dies, or stalls,
         * holds it this long, after which another claim takes it again; default two minutes. It
         * must cover delivering a batch (20 notices) through every sender, or slow deliveries are
         * repeated by other nodes.
         */
        public Builder noticeLease(Duration lease) {
            this.noticeLease = positive("noticeLease", lease);
            return this;
        }

        /**
         * When a notice whose delivery failed is tried again: {@code first} after the first
         * attempt, twice as long after each further one, at most {@code max}; default one minute,
         * at most one hour. A notice is retried until it is delivered.
         *
         * @throws IllegalArgumentException if either is not positive or {@code max} is shorter than {@code first}
         */
        public Builder noticeBackoff(Duration first, Duration max) {
            this.noticeBackoff = new NoticeBackoff(positive("noticeBackoff first", first),
                    positive("noticeBackoff max", max));
            return this;
        }

        /**
         * Adds an observer of checks and store calls, for metrics (pat4j-micrometer's
         * {@code Pat4jMetrics}); several may be added and each is told everything.
         */
        public Builder observer(Pat4jObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** Adds a listener; several may be added and each gets every event. */
        public Builder listener(TokenEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * A new instance. Without {@link #store}, its tokens live in memory (one store per builder,
         * shared by the instances it builds) and each such instance logs one warning saying so.
         *
         * <p>When the store keeps a record of its settings ({@link SettingsFingerprintStore}, as the
         * JDBC store does), the prefix and hashing are compared with it first: the first instance on
         * a store records them, later ones must agree (or move them forward on purpose: from
         * SHA-256, or to a new pepper holding the store's as a previous one). A store that cannot be
         * reached is not compared with, and a warning says so.
         *
         * @throws IllegalStateException if no scope catalog was given
         * @throws dev.pat4j.settings.SettingsMismatchException if the store records settings under
         *     which this instance would reject its tokens; the message names the setting
         */
        public Pat4j build() {
            if (catalog == null) {
                throw new IllegalStateException("a scope catalog is required: call scopes(...)");
            }
            if (store != null) {
                requireOutboxForSenders(store);
                SettingsFingerprint.check(store, prefix, hashing);
                return new Pat4j(this, store);
            }
            // Falling back silently would let a production deployment lose every token on its next
            // restart, or reject on one node the tokens another issued: warn for every instance built so.
            if (fallbackStore == null) {
                fallbackStore = new InMemoryTokenStore();
            }
            LOG.warn("No token store configured: tokens live in this JVM's memory only; they are lost on "
                    + "restart and not shared with other nodes. Pass a JdbcTokenStore (dev.pat4j:pat4j-jdbc) "
                    + "to Pat4j.builder().store(...), or pass new InMemoryTokenStore() to keep tokens in "
                    + "memory on purpose (and silence this warning).");
            return new Pat4j(this, fallbackStore);
        }

        /** A sender on a store without an outbox would never be called: refuse it now, not silently. */
        private void requireOutboxForSenders(TokenStore chosen) {
            if (!senders.isEmpty() && chosen.capability(NoticeOutbox.class).isEmpty()) {
                throw new IllegalStateException("the token store " + chosen.getClass().getName() + " does not offer"
                        + " the NoticeOutbox capability, so it cannot keep notices for the senders "
                        + senders.stream().map(NotificationSender::name).toList());
            }
        }

        private static long positive(String what, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return value;
        }

        private static Duration positive(String what, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return value;
        }
    }
}
