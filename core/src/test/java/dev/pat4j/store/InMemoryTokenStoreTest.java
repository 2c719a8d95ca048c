package dev.pat4j.store;

/** The store contract, against the in-memory store. */
class InMemoryTokenStoreTest extends TokenStoreContract {
    @Override
    protected TokenStore createStore() {
        return new InMemoryTokenStore();
    }
}
