package dev.pat4j.store;

import dev.pat4j.testkit.TokenStoreContract;

/** The store contract, against the in-memory store. */
class InMemoryTokenStoreTest extends TokenStoreContract {
    @Override
    protected TokenStore createStore() {
        return new InMemoryTokenStore();
    }
}
