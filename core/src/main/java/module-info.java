/**
 * pat4j core: personal access tokens for JVM applications. {@link dev.pat4j.Pat4j} is the entry
 * point; the exported packages are the whole public API, and {@code dev.pat4j.internal} and
 * every other {@code internal} package stay hidden. BouncyCastle is needed only for Argon2id.
 */
module dev.pat4j.core {
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    requires static org.bouncycastle.provider;
    requires static transitive org.jspecify;

    exports dev.pat4j;
    exports dev.pat4j.event;
    exports dev.pat4j.hash;
    exports dev.pat4j.http;
    exports dev.pat4j.lifecycle;
    exports dev.pat4j.notice;
    exports dev.pat4j.owner;
    exports dev.pat4j.scan;
    exports dev.pat4j.scope;
    exports dev.pat4j.settings;
    exports dev.pat4j.store;
    exports dev.pat4j.token;
    exports dev.pat4j.validation;
}
