package dev.pat4j.servlet;

import jakarta.servlet.ServletContainerInitializer;

/** The throttle over HTTP on Tomcat 11. */
class TomcatThrottleTest extends ThrottleContract {
    @Override
    protected TestServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
        return TomcatServer.start(contextPath, setup);
    }
}
