/**
 * pat4j's test kit: the store contract suite, the HTTP adapter conformance suite, the
 * hostile-header matrix and fixtures. Open to JUnit, which runs the suites' methods by reflection.
 */
module dev.pat4j.testkit {
    requires transitive dev.pat4j.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.assertj.core;

    exports dev.pat4j.testkit;
    exports dev.pat4j.testkit.http;
    opens dev.pat4j.testkit to org.junit.platform.commons;
    opens dev.pat4j.testkit.http to org.junit.platform.commons;
}
