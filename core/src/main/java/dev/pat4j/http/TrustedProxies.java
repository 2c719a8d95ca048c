package dev.pat4j.http;

import dev.pat4j.http.ClientAddressResolver.ForwardedHeader;
import dev.pat4j.http.internal.IpLiteral;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link ClientAddressResolver#trustedProxies(List, ForwardedHeader)}: the client address behind
 * trusted proxies. Immutable; thread-safe.
 */
final class TrustedProxies implements ClientAddressResolver {
    /** More hops than any real chain of proxies: a longer walk is refused as malformed. */
    static final int MAX_HOPS = 32;
    /** Longer than any header a real chain writes (8 KiB is also the gate's Authorization bound). */
    static final int MAX_HEADER_LENGTH = 8192;

    private final List<AddressRange> proxies;
    private final ForwardedHeader header;

    TrustedProxies(List<AddressRange> proxies, ForwardedHeader header) {
        this.proxies = List.copyOf(proxies);
        this.header = header;
    }

    @Override
    public @Nullable String clientAddress(RequestView request) {
        String peer = request.remoteAddress();
        byte[] peerBytes = IpLiteral.parseClient(peer);
        if (peerBytes == null) {
            return peer;
        }
        String canonicalPeer = IpLiteral.format(peerBytes);
        if (!trusted(peerBytes)) {
            return canonicalPeer;
        }
        List<String> values = request.headers(header.headerName());
        int total = 0;
        for (String value : values) {
            total += value.length();
        }
        if (values.isEmpty() || total > MAX_HEADER_LENGTH) {
            return canonicalPeer;
        }
        Walk walk = walk(values);
        return walk.malformed ? canonicalPeer : walk.client;
    }

    /** The outcome of walking the chain: the client found (null: unknown), or malformed. */
    private record Walk(@Nullable String client, boolean malformed) {
    }

    /**
     * From the right (the hop nearest to us) to the left, skipping trusted hops: the first
     * untrusted address is the client; an obfuscated or undisclosed hop is an unknown client;
     * when every hop is trusted, the leftmost is the client. Elements left of the client are
     * never read, so what the client itself wrote there cannot change the outcome.
     */
    private Walk walk(List<String> values) {
        String leftmost = null;
        int hops = 0;
        for (int v = values.size() - 1; v >= 0; v--) {
            String value = values.get(v);
            int end = value.length();
            while (end >= 0) {
                int start = header == ForwardedHeader.FORWARDED ? ForwardedSyntax.elementStart(value, end)
                        : value.lastIndexOf(',', end - 1) + 1;
                if (start < 0) {
                    return new Walk(null, true);
                }
                String element = value.substring(start, end).strip();
                end = start - 1;
                if (element.isEmpty()) {
                    continue;
                }
                if (++hops > MAX_HOPS) {
                    return new Walk(null, true);
                }
                Node node = header == ForwardedHeader.FORWARDED ? ForwardedSyntax.forNode(element)
                        : xForwardedForNode(element);
                if (node.malformed) {
                    return new Walk(null, true);
                }
                if (node.address == null) {
                    return new Walk(null, false);
                }
                if (!trusted(node.address)) {
                    return new Walk(IpLiteral.format(node.address), false);
                }
                leftmost = IpLiteral.format(node.address);
            }
        }
        return new Walk(leftmost, false);
    }

    private boolean trusted(byte[] address) {
        for (AddressRange range : proxies) {
            if (range.containsBytes(address)) {
                return true;
            }
        }
        return false;
    }

    /** One hop: its address, or none (unknown, obfuscated), or malformed. */
    record Node(byte @Nullable [] address, boolean malformed) {
        static final Node UNKNOWN = new Node(null, false);
        static final Node MALFORMED = new Node(null, true);
    }

    /** An {@code X-Forwarded-For} element: an address, {@code [v6]}, {@code [v6]:port}, {@code v4:port} or {@code unknown}. */
    static Node xForwardedForNode(String element) {
        if (element.equalsIgnoreCase("unknown")) {
            return Node.UNKNOWN;
        }
        byte[] address = IpLiteral.parse(element);
        if (address != null) {
            return new Node(address, false);
        }
        return ForwardedSyntax.nodeWithPort(element, false);
    }

    @Override
    public String toString() {
        return "trusted proxies " + proxies + " via " + header.headerName();
    }
}
