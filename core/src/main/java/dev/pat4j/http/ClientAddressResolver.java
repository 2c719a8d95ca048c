package dev.pat4j.http;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Extension point: which address a request comes from, for throttling (and, later, per-token
 * address rules and last-used addresses). The default, {@link #peer()}, is the connection's peer;
 * behind a reverse proxy use {@link #trustedProxies(List)}, which believes a forwarding header
 * only from the proxies named, since any client can send one. Implementations must be
 * thread-safe and must not block.
 */
@FunctionalInterface
public interface ClientAddressResolver {

    /** The client address of {@code request}; null if unknown. */
    @Nullable String clientAddress(RequestView request);

    /** The connection's peer address, believing no header. The default. */
    static ClientAddressResolver peer() {
        return RequestView::remoteAddress;
    }

    /**
     * The client behind the reverse proxies in {@code proxies}, from {@code X-Forwarded-For}:
     * {@link #trustedProxies(List, ForwardedHeader)} with {@link ForwardedHeader#X_FORWARDED_FOR}.
     */
    static ClientAddressResolver trustedProxies(List<AddressRange> proxies) {
        return trustedProxies(proxies, ForwardedHeader.X_FORWARDED_FOR);
    }

    /**
     * The client behind the reverse proxies in {@code proxies}, read from {@code header}, and only
     * when the connection's peer is one of them; a request from any other peer is that peer, whatever
     * it sends (a spoofed {@code X-Forwarded-For} changes nothing).
     *
     * <p>From a trusted peer, the header's elements (every instance of the header, in order, each
     * a comma-separated list) are walked from the right, the hop nearest to pat4j: trusted
     * addresses are skipped, and the first untrusted one is the client. When every hop is trusted,
     * the leftmost is the client. An element the walk does not reach is never read, so what a client
     * writes at the left of the header, where proxies that append leave it, changes nothing. An
     * obfuscated or undisclosed hop ({@code for=_hidden}, {@code for=unknown}, {@code unknown} in
     * {@code X-Forwarded-For}, a {@code Forwarded} element without {@code for}) makes the client
     * unknown (null). A malformed element that the walk reaches, no header at all, more than 32
     * hops or more than 8 KiB of header make the client <b>the peer</b> (the proxy), so a broken
     * proxy configuration throttles the proxy rather than trusting text it did not write.
     *
     * <p>Only the one header named is read: a proxy sets one of them, and a client could send the
     * other past it. Configure the proxy to overwrite the header or append to it (nginx:
     * {@code proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for}), never to pass it on
     * unchanged. Addresses come back in canonical form ({@code 2001:db8::1}; an IPv4-mapped
     * IPv6 address as IPv4). Never looks anything up in DNS.
     *
     * @param proxies the ranges of the trusted proxies (empty: trust none, the same as {@link #peer()}
     *     but with canonical addresses)
     */
    static ClientAddressResolver trustedProxies(List<AddressRange> proxies, ForwardedHeader header) {
        Objects.requireNonNull(header, "header");
        for (AddressRange range : Objects.requireNonNull(proxies, "proxies")) {
            Objects.requireNonNull(range, "a proxy range");
        }
        return new TrustedProxies(proxies, header);
    }

    /** The header a proxy forwards the client's address in. */
    enum ForwardedHeader {
        /** {@code X-Forwarded-For: client, proxy1, proxy2}: what nginx, HAProxy, Traefik, Caddy and cloud load balancers set. */
        X_FORWARDED_FOR("X-Forwarded-For"),
        /** RFC 7239 {@code Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"}. */
        FORWARDED("Forwarded");

        private final String headerName;

        ForwardedHeader(String headerName) {
            this.headerName = headerName;
        }

        /** The header's name. */
        public String headerName() {
            return headerName;
        }
    }
}
