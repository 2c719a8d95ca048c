package dev.pat4j.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.Pat4j;
import dev.pat4j.event.TokenEventListener;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.TokenStore;
import java.util.function.UnaryOperator;

/**
 * One application node of a test cluster: its own connection pool, its own
 * {@link JdbcTokenStore} and its own {@link Pat4j} (hence its own validation cache), sharing
 * only the database with the other nodes.
 */
record ClusterNode(HikariDataSource pool, JdbcTokenStore store, Pat4j pat4j) implements AutoCloseable {

    static ClusterNode start(HikariDataSource pool, boolean notifications, TokenEventListener... listeners) {
        return start(pool, notifications, UnaryOperator.identity(), listeners);
    }

    /** A node whose Pat4j reaches the database through {@code wrap}'s decorator (a counting store, say). */
    static ClusterNode start(HikariDataSource pool, boolean notifications, UnaryOperator<TokenStore> wrap,
                             TokenEventListener... listeners) {
        JdbcTokenStore store = JdbcTokenStore.builder(pool).notifications(notifications).build();
        store.migrate();
        Pat4j.Builder builder = Pat4j.builder().store(wrap.apply(store)).scopes(AzureDevOpsScopes.catalog())
                .policy(TokenPolicy.builder().maxActiveTokensPerOwner(10_000).build());
        for (TokenEventListener l : listeners) {
            builder.listener(l);
        }
        return new ClusterNode(pool, store, builder.build());
    }

    @Override
    public void close() {
        pat4j.close();
        store.close();
        pool.close();
    }
}
