package dev.pat4j.jaxrs;

import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.testkit.http.AdapterConformanceSuite;
import dev.pat4j.testkit.http.ConformanceTarget;
import dev.pat4j.testkit.http.ConformanceWorld;
import java.net.URI;

/** The testkit's conformance table, answered by the JAX-RS feature on Jersey (JDK HTTP server). */
class JerseyConformanceTest extends AdapterConformanceSuite {
    @Override
    protected ConformanceTarget start(ConformanceWorld world) {
        return target(JerseyFeatureTest.serve(ConformanceApp.mount(world, ForeignCredentials.REFUSE), "/strict"),
                JerseyFeatureTest.serve(ConformanceApp.mount(world, ForeignCredentials.PASS_ON), "/passon"));
    }

    static ConformanceTarget target(Pat4jFeatureContract.Server strict, Pat4jFeatureContract.Server passOn) {
        return new ConformanceTarget() {
            @Override
            public URI strict() {
                return strict.base();
            }

            @Override
            public URI passOn() {
                return passOn.base();
            }

            @Override
            public void close() {
                strict.close();
                passOn.close();
            }
        };
    }
}
