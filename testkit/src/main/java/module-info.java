/**
 * pat4j's test kit: the store contract suite, the hostile-header matrix and fixtures. Open to
 * JUnit, which runs the suites' methods by reflection.
 */
module dev.pat4j.testkit {
    requires transitive dev.pat4j.core;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports dev.pat4j.testkit;
    opens dev.pat4j.testkit to org.junit.platform.commons;
}
