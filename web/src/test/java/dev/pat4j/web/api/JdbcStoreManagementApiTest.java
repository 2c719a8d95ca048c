package dev.pat4j.web.api;

import dev.pat4j.Pat4j;
import dev.pat4j.store.TokenStore;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import dev.pat4j.testkit.MutableClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The management API's contract on Tomcat over the JDBC store (H2, migrated as an application
 * would): listing, paging, renaming and the atomic update run through the store's SQL rather
 * than the in-memory store's maps.
 */
class JdbcStoreManagementApiTest extends ManagementApiContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    ApiServer start(Pat4j pat4j) throws Exception {
        return TomcatApiServer.start(pat4j);
    }

    @Override
    TokenStore newStore(MutableClock clock) {
        JdbcDataSource h2 = new JdbcDataSource();
        // kept open for the test's length: each connection is opened and closed per statement
        h2.setURL("jdbc:h2:mem:pat4j-web-api-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        JdbcTokenStore store = JdbcTokenStore.builder(h2).clock(clock).build();
        store.migrate();
        return store;
    }
}
