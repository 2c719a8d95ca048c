package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.CacheInvalidator;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.TokenValidator;

/**
 * A pat4j instance over a store holding every token of a set, with every token checked once (the
 * cache warm). The cache keeps its default size (100 000) up to that many tokens; a larger set
 * (the 1,000,000-token scale run) gets a cache that holds it all, as an operator would size it.
 */
final class WarmPat4j implements AutoCloseable {
    /** pat4j's default {@code cacheMaximumSize}. */
    static final long DEFAULT_CACHE_SIZE = 100_000;

    final TokenSet set;
    final Pat4j pat4j;
    final TokenValidator validator;
    /** The miss benchmarks drop one entry per operation through it. */
    final CacheInvalidator invalidator;

    WarmPat4j(TokenSet set, TokenStore store) {
        this.set = set;
        set.insertInto(store);
        pat4j = BenchmarkDefaults.pat4j(store).cacheMaximumSize(Math.max(DEFAULT_CACHE_SIZE, set.size)).build();
        validator = pat4j.validator();
        invalidator = (CacheInvalidator) validator;
        for (String header : set.bearer) {
            if (!validator.check(header).authenticated()) {
                throw new IllegalStateException("a token of the set does not validate");
            }
        }
    }

    @Override
    public void close() {
        pat4j.close();
    }
}
