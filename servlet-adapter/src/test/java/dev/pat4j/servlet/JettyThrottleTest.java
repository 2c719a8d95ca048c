package dev.pat4j.servlet;

import jakarta.servlet.ServletContainerInitializer;

/** The throttle over HTTP on Jetty 12. */
class JettyThrottleTest extends ThrottleContract {
    @Override
    protected TestServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
        return JettyServer.start(contextPath, setup);
    }
}
