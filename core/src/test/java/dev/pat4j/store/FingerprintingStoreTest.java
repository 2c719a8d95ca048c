package dev.pat4j.store;

import dev.pat4j.testkit.TokenStoreContract;

/** The contract, including its settings-fingerprint part, on the test store that offers that capability. */
class FingerprintingStoreTest extends TokenStoreContract {
    @Override
    protected TokenStore createStore() {
        return new FingerprintingStore();
    }
}
