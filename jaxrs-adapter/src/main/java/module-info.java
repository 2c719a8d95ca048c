/**
 * pat4j's Jakarta REST integration, {@link dev.pat4j.jaxrs.Pat4jFeature}. The filters it
 * registers are internal; their package is open so that a Jakarta REST runtime on the module
 * path may read their annotations and inject their context, which it does by reflection.
 */
module dev.pat4j.jaxrs {
    requires transitive dev.pat4j.core;
    requires transitive jakarta.ws.rs;
    requires jakarta.annotation;
    requires org.slf4j;

    exports dev.pat4j.jaxrs;
    opens dev.pat4j.jaxrs.internal;
}
