package dev.pat4j.servlet;

import jakarta.servlet.ServletContainerInitializer;

/** The filter contract on Jetty 12 (ee10). */
class JettyFilterTest extends FilterContract {
    @Override
    protected TestServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
        return JettyServer.start(contextPath, setup);
    }
}
