package dev.pat4j.http;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an HTTP request that {@link RequestGate} decides on, read-only and free of any
 * servlet or JAX-RS type: each adapter wraps its own request in one. A view lives for one
 * request and is used by one thread at a time; it need not be thread-safe.
 */
public interface RequestView {

    /** The request method as sent, e.g. {@code GET}. */
    String method();

    /**
     * The request path exactly as the client sent it: still percent-encoded, without the query,
     * including any context path. Judged for canonical form and written (masked) to the log.
     */
    String rawPath();

    /**
     * The decoded path below the application root that the container routes by (for a servlet:
     * servlet path plus path info; for JAX-RS: the path below the base URI), starting with
     * {@code /}. Path rules and path-segment organizations are read from it.
     */
    String path();

    /** Every value of header {@code name} (case-insensitive), in the order received; empty, never null, when absent. */
    List<String> headers(String name);

    /** The address of the peer that sent the request (the nearest proxy, if any); null if unknown. */
    @Nullable String remoteAddress();
}
