package dev.pat4j.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import dev.pat4j.store.LiveTokenIds;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's cache of tokens, and the one owner of its consistency rules: what a hit is (an
 * entry younger than the TTL), how a miss loads, how an invalidation wins over a racing load,
 * the read index in front of Caffeine, unknown ids remembered for a while, and the filter of live
 * ids that keeps forged ids off the store.
 *
 * <p><b>Hits.</b> {@link #hit} reads the {@link EntryIndex}, falling back to a quiet Caffeine
 * read ({@link Policy#getIfPresentQuietly}) for an entry the index displaced, and checks the
 * entry's own load time against the TTL: no allocation, no write, no lock.
 *
 * <p><b>Loads, one per id, outside any shared lock.</b> A miss registers a {@link Load} for its
 * id in a map of loads in flight; the first thread of an id reads the store, later ones of the
 * same id wait for its result, and threads of other ids are never held up (the store is read
 * with no lock held: Caffeine's locks, which other keys share, are taken only for the short
 * publication that follows). A load that an invalidation of its id (or of everything) overtook
 * while it read the store publishes nothing and reads again, so a revocation racing a load
 * always wins: each load notes its id's invalidation count and the cache's generation before it
 * reads, and publishes, under the key's lock in Caffeine, only if neither moved. An invalidation
 * bumps them <em>before</em> it removes the entry under the same lock, so either the publication
 * comes first and the removal drops it, or the publication sees the bump. A thread that joins a
 * load after an invalidation its answer predates reads anew rather than take that answer. A
 * load overtaken three times in a row answers with its last read (made after the previous
 * invalidation) without caching it.
 *
 * <p><b>Unknown ids.</b> An id the store does not have is remembered as unknown for the negative
 * TTL, by the same rule (an invalidation, such as another node creating the token, wins).
 *
 * <p><b>Forged ids.</b> With a filter of live ids ({@link #rebuildFilter}, when the store offers
 * {@link LiveTokenIds}), an id the filter has never seen reaches the store only within the
 * {@link UnseenIdBudget}; beyond it, it is unknown without a store call. Every id invalidated (a
 * local create, or any change another node made, read from the change feed) and every id the
 * store answered for is added to the filter, which is rebuilt from the store periodically.
 *
 * <p>Thread-safe.
 */
final class TokenCache implements CacheInvalidator {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
    private static final int MAX_LOAD_ATTEMPTS = 3;

    /** Reads a token from the store and makes its cache entry: the validator's one store read. */
    @FunctionalInterface
    interface Loader {
        /**
         * The entry of {@code id}, made from {@code fresh} (an empty entry of its key), or null if
         * the store has no such token.
         *
         * @throws dev.pat4j.store.StoreUnavailableException if the store cannot answer
         */
        CachedToken load(String id, CachedToken fresh, long wallMillis);
    }

    private final Loader loader;
    private final Cache<TokenKey, CachedToken> cache; // each entry maps to itself: see CachedToken
    private final Policy<TokenKey, CachedToken> cacheQuietly;
    private final EntryIndex index;                   // a subset of the cache, read first
    private final Cache<String, Boolean> unknown;
    private final Policy<String, Boolean> unknownQuietly;
    private final ConcurrentHashMap<TokenKey, Load> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong(); // bumped by invalidateAll
    private final long ttlMillis;
    private final UnseenIdBudget unseenBudget;
    private final long filterExpectedSize;
    private volatile IdFilter filter;   // null: no filter (off, not built yet, or the store cannot list ids)
    private volatile IdFilter building; // the filter a rebuild is filling, which adds go to as well

    TokenCache(CacheSettings settings, long ttlMillis, Loader loader, UnseenIdBudget unseenBudget,
               long filterExpectedSize) {
        this.loader = loader;
        this.ttlMillis = ttlMillis;
        this.unseenBudget = unseenBudget;
        this.filterExpectedSize = filterExpectedSize;
        this.index = new EntryIndex(settings.maximumSize());
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .executor(Runnable::run)
                .<TokenKey, CachedToken>evictionListener((key, entry, cause) -> {
                    if (entry != null) {
                        index.remove(entry); // runs inside the eviction's atomic operation
                    }
                })
                .build();
        this.cacheQuietly = cache.policy();
        this.unknown = Caffeine.newBuilder()
                .maximumSize(settings.negativeMaximumSize())
                .expireAfterWrite(settings.negativeTtl())
                .executor(Runnable::run)
                .build();
        this.unknownQuietly = unknown.policy();
    }

    /** About how many entries the cache holds (Caffeine's estimate; stale ones until evicted). */
    long estimatedSize() {
        return cache.estimatedSize();
    }

    /** The hot path: the entry of {@code probe} if cached and younger than the TTL, else null. */
    CachedToken hit(TokenKey probe, long wall) {
        CachedToken entry = index.find(probe);
        if (entry == null) {
            entry = cacheQuietly.getIfPresentQuietly(probe); // displaced from the index, or not cached
        }
        return entry == null || isStale(entry, wall) ? null : entry;
    }

    /**
     * After a miss: the entry of {@code id} (whose key {@code probe} holds), read from the store
     * unless another thread is reading it already, or null if it is unknown (to the store, or to
     * the filter of live ids with the unseen-id budget spent).
     *
     * @throws dev.pat4j.store.StoreUnavailableException if the store (or owner directory) cannot answer
     */
    CachedToken load(String id, TokenKey probe, long wall) {
        CachedToken cached = fresh(probe, wall);
        if (cached != null) {
            return cached;
        }
        if (unknownQuietly.getIfPresentQuietly(id) != null) {
            return null;
        }
        TokenKey key = new TokenKey(probe.hi, probe.lo);
        while (true) {
            Load mine = new Load();
            Load running = inFlight.putIfAbsent(key, mine);
            if (running == null) {
                return loadAs(mine, id, key, wall);
            }
            int joinedAt = running.invalidations.get();
            long generationAtJoin = generation.get();
            CachedToken entry = running.await();
            if (running.answered(joinedAt, generationAtJoin)) {
                return entry;
            }
            // The load was overtaken by an invalidation that came before this check joined it: its
            // answer may predate a revocation that returned before this check began. Read anew.
            inFlight.remove(key, running);
        }
    }

    private CachedToken loadAs(Load mine, String id, TokenKey key, long wall) {
        try {
            CachedToken entry = loadFirst(mine, id, key, wall);
            mine.complete(entry);
            return entry;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine); // after publishing: see invalidate
        }
    }

    /** The cached entry of {@code key} if younger than the TTL; a stale one is dropped. */
    private CachedToken fresh(TokenKey key, long wall) {
        CachedToken current = index.find(key);
        if (current == null) {
            current = cacheQuietly.getIfPresentQuietly(key);
        }
        if (current == null || !isStale(current, wall)) {
            return current;
        }
        // Drop it first: a publication over it would keep the stale object as Caffeine's key.
        CachedToken stale = current;
        cache.asMap().computeIfPresent(stale, (k, value) -> {
            index.remove(stale);
            return value == stale ? null : value;
        });
        return null;
    }

    /**
     * The registered loader's work; the map of loads in flight holds {@code load} throughout. Each
     * attempt notes the invalidation count and generation before it reads anything, and its answer
     * is handed on with them, so a thread that joined after a later invalidation reads anew.
     */
    private CachedToken loadFirst(Load load, String id, TokenKey key, long wall) {
        for (int attempt = 1; ; attempt++) {
            int seen = load.invalidations.get();
            long generationSeen = generation.get();
            load.answeredAt(seen, generationSeen);
            CachedToken cached = fresh(key, wall); // a load that finished since our miss published it
            if (cached != null) {
                return cached;
            }
            if (unknownQuietly.getIfPresentQuietly(id) != null || !filterAdmits(key, id)) {
                return null;
            }
            CachedToken entry = loader.load(id, new CachedToken(key), wall);
            if (entry != null) {
                addToFilter(key);
            }
            if (attempt == MAX_LOAD_ATTEMPTS) {
                return entry; // read after the previous invalidation; not cached
            }
            if (entry == null ? rememberUnknown(load, seen, generationSeen, id) : publish(load, seen, generationSeen,
                    entry)) {
                return entry;
            }
        }
    }

    private boolean filterAdmits(TokenKey key, String id) {
        IdFilter current = filter;
        if (current == null || current.mightContain(key)) {
            return true;
        }
        if (unseenBudget.tryTake()) {
            return true;
        }
        LOG.debug("token {} is not a live id and the budget for unseen ids is spent: not looked up", id);
        return false;
    }

    /** Publishes {@code entry} unless an invalidation overtook the load; true if it did. */
    private boolean publish(Load load, int seen, long generationSeen, CachedToken entry) {
        boolean[] published = {false};
        cache.asMap().compute(entry, (k, current) -> {
            if (!load.current(seen, generationSeen, generation)) {
                return current;
            }
            published[0] = true;
            index.publish(entry);
            return entry;
        });
        return published[0];
    }

    /** Remembers {@code id} as unknown unless an invalidation overtook the load; true if it did. */
    private boolean rememberUnknown(Load load, int seen, long generationSeen, String id) {
        if (!load.current(seen, generationSeen, generation)) {
            return false;
        }
        unknown.put(id, Boolean.TRUE);
        if (!load.current(seen, generationSeen, generation)) {
            unknown.invalidate(id); // the invalidation came between the check and the put
            return false;
        }
        return true;
    }

    /** Hands a slow-verified entry's fast replacement to the cache, unless the entry was reloaded meanwhile. */
    void upgrade(CachedToken entry, CachedToken upgraded) {
        // identity, not equals (entries are equal by id): never replace an entry reloaded meanwhile
        cache.asMap().computeIfPresent(entry, (key, current) -> {
            if (current != entry) {
                return current;
            }
            index.publish(upgraded);
            return upgraded;
        });
    }

    /**
     * Drops what is cached of {@code id}, overtakes a load of it in flight, and adds it to the
     * filter of live ids: an id that changed (was created, revoked, extended) is one the store
     * holds, and adding a revoked one costs nothing but a lookup that finds it revoked.
     */
    @Override
    public void invalidate(String id) {
        TokenKey key = TokenKey.of(id);
        if (key != null) {
            addToFilter(key);
            Load running = inFlight.get(key);
            if (running != null) {
                running.invalidations.incrementAndGet(); // before the removal: see the class comment
            }
            cache.invalidate(key);
            index.removeKey(key);
        }
        unknown.invalidate(id);
    }

    @Override
    public void invalidateAll() {
        generation.incrementAndGet(); // before emptying: loads in flight then publish nothing
        cache.invalidateAll();
        index.clear(); // after the cache: an entry loaded meanwhile is then in both or in the cache only
        unknown.invalidateAll();
    }

    /**
     * Builds a new filter of live ids from the store and puts it in place of the current one.
     * Ids added while it is built go to both filters, so an id created during the pass is not
     * lost; one created before it is in the store's pass. Sized for twice the live tokens (or
     * the expected size if larger), so it has room to grow until the next rebuild.
     *
     * @throws dev.pat4j.store.StoreUnavailableException if the store cannot answer (the old filter stays)
     */
    synchronized void rebuildFilter(LiveTokenIds store, Instant now) {
        long live = store.countLive(now);
        IdFilter next = IdFilter.forExpected(Math.max(filterExpectedSize, 2 * live));
        building = next;
        try {
            store.forEachLiveId(now, next::add);
            filter = next;
        } finally {
            building = null;
        }
    }

    /** Whether a filter of live ids is in force. */
    boolean filtering() {
        return filter != null;
    }

    private void addToFilter(TokenKey key) {
        IdFilter current = filter;
        if (current != null) {
            current.add(key);
        }
        IdFilter next = building;
        if (next != null) {
            next.add(key);
        }
    }

    private boolean isStale(CachedToken entry, long wall) {
        long age = wall - entry.loadedAtMillis;
        return age >= ttlMillis || age < 0;
    }

    /**
     * A load in flight: its result for the threads waiting on it, how often its id was
     * invalidated since it began, and the count and generation its answer was read under.
     */
    private static final class Load extends CompletableFuture<CachedToken> {
        final AtomicInteger invalidations = new AtomicInteger();
        private int answerInvalidations;  // written by the loader before it completes, read after join
        private long answerGeneration;

        boolean current(int seen, long generationSeen, AtomicLong generation) {
            return invalidations.get() == seen && generation.get() == generationSeen;
        }

        void answeredAt(int seen, long generationSeen) {
            answerInvalidations = seen;
            answerGeneration = generationSeen;
        }

        /** Whether the answer was read after every invalidation that preceded a join at {@code joinedAt}. */
        boolean answered(int joinedAt, long generationAtJoin) {
            return answerInvalidations >= joinedAt && answerGeneration >= generationAtJoin;
        }

        CachedToken await() {
            try {
                return join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }
}
