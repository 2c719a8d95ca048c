package dev.pat4j.jaxrs;

import dev.pat4j.http.ForeignCredentials;
import dev.pat4j.testkit.http.AdapterConformanceSuite;
import dev.pat4j.testkit.http.ConformanceTarget;
import dev.pat4j.testkit.http.ConformanceWorld;

/** The testkit's conformance table, answered by the JAX-RS feature on RESTEasy (Undertow). */
class RestEasyConformanceTest extends AdapterConformanceSuite {
    @Override
    protected ConformanceTarget start(ConformanceWorld world) {
        return JerseyConformanceTest.target(
                RestEasyFeatureTest.serve(ConformanceApp.mount(world, ForeignCredentials.REFUSE), "/strict"),
                RestEasyFeatureTest.serve(ConformanceApp.mount(world, ForeignCredentials.PASS_ON), "/passon"));
    }
}
