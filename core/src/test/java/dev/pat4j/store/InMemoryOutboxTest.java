package dev.pat4j.store;

import dev.pat4j.testkit.OutboxContract;

/** The outbox contract on the in-memory store. */
class InMemoryOutboxTest extends OutboxContract {
    @Override
    protected TokenStore createStore() {
        return new InMemoryTokenStore();
    }
}
