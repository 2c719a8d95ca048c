package dev.pat4j.servlet;

import jakarta.servlet.ServletContainerInitializer;

/** The filter contract on Tomcat 11 (embedded). */
class TomcatFilterTest extends FilterContract {
    @Override
    protected TestServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
        return TomcatServer.start(contextPath, setup);
    }
}
