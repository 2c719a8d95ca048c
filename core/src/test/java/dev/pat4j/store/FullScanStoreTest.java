package dev.pat4j.store;

import dev.pat4j.testkit.TokenStoreContract;

/** The reference model of {@link InMemoryTokenStoreModelProperties} keeps the store contract too. */
class FullScanStoreTest extends TokenStoreContract {
    @Override
    protected TokenStore createStore() {
        return new FullScanStore();
    }
}
