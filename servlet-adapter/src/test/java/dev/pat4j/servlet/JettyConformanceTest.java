package dev.pat4j.servlet;

import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.testkit.http.AdapterConformanceSuite;
import dev.pat4j.testkit.http.ConformanceTarget;
import dev.pat4j.testkit.http.ConformanceWorld;
import java.net.URI;

/** The testkit's conformance table, answered by the servlet filter on Jetty 12 (ee10). */
class JettyConformanceTest extends AdapterConformanceSuite {
    @Override
    protected ConformanceTarget start(ConformanceWorld world) throws Exception {
        JettyServer strict = JettyServer.start("/strict", ConformanceApp.mount(world, ForeignCredentials.REFUSE));
        JettyServer passOn = JettyServer.start("/passon", ConformanceApp.mount(world, ForeignCredentials.PASS_ON));
        return target(strict, passOn);
    }

    static ConformanceTarget target(TestServer strict, TestServer passOn) {
        return new ConformanceTarget() {
            @Override
            public URI strict() {
                return URI.create("http://127.0.0.1:" + strict.port() + "/strict");
            }

            @Override
            public URI passOn() {
                return URI.create("http://127.0.0.1:" + passOn.port() + "/passon");
            }

            @Override
            public void close() {
                strict.close();
                passOn.close();
            }
        };
    }
}
