package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.CacheInvalidator;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.TokenValidator;

/** A pat4j instance over a store holding every token of a set, with every token checked once (the cache warm). */
final class WarmPat4j implements AutoCloseable {
    final TokenSet set;
    final Pat4j pat4j;
    final TokenValidator validator;
    /** The miss benchmarks drop one entry per operation through it. */
    final CacheInvalidator invalidator;

    WarmPat4j(TokenSet set, TokenStore store) {
        this.set = set;
        set.insertInto(store);
        pat4j = BenchmarkDefaults.pat4j(store).build();
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
