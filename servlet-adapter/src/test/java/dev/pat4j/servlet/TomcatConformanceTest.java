package dev.pat4j.servlet;

import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.testkit.http.AdapterConformanceSuite;
import dev.pat4j.testkit.http.ConformanceTarget;
import dev.pat4j.testkit.http.ConformanceWorld;

/** The testkit's conformance table, answered by the servlet filter on Tomcat 11. */
class TomcatConformanceTest extends AdapterConformanceSuite {
    @Override
    protected ConformanceTarget start(ConformanceWorld world) throws Exception {
        TomcatServer strict = TomcatServer.start("/strict", ConformanceApp.mount(world, ForeignCredentials.REFUSE));
        TomcatServer passOn = TomcatServer.start("/passon", ConformanceApp.mount(world, ForeignCredentials.PASS_ON));
        return JettyConformanceTest.target(strict, passOn);
    }
}
