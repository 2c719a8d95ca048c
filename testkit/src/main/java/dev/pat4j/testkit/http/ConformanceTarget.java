package dev.pat4j.testkit.http;

import java.net.URI;

/**
 * The running server an adapter's test hands to {@link AdapterConformanceSuite}: two mounts of
 * the agreed endpoints, one strict and one passing foreign credentials on. Closing it stops the server(s).
 * Implementations are used by one test class at a time and need not be thread-safe.
 */
public interface ConformanceTarget extends AutoCloseable {

    /** Base of the mount with {@code ForeignCredentials.REFUSE}, e.g. {@code http://127.0.0.1:8080/strict} (no trailing slash). */
    URI strict();

    /** Base of the mount with {@code ForeignCredentials.PASS_ON}. */
    URI passOn();

    @Override
    void close();
}
