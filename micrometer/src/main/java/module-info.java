/** Micrometer meters for pat4j: {@link dev.pat4j.micrometer.Pat4jMetrics}. */
module dev.pat4j.micrometer {
    requires transitive dev.pat4j.core;
    requires transitive micrometer.core;

    exports dev.pat4j.micrometer;
}
