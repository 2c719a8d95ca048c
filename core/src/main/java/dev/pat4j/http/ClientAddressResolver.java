package dev.pat4j.http;

import org.jspecify.annotations.Nullable;

/**
 * Extension point: which address a request comes from, for throttling (and, later, per-token
 * address rules and last-used addresses). The default, {@link #peer()}, is the connection's peer;
 * a resolver that reads {@code Forwarded} or {@code X-Forwarded-For} must believe them only from
 * trusted proxies, since any client can send them. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ClientAddressResolver {

    /** The client address of {@code request}; null if unknown. */
    @Nullable String clientAddress(RequestView request);

    /** The connection's peer address, believing no header. The default. */
    static ClientAddressResolver peer() {
        return RequestView::remoteAddress;
    }
}
