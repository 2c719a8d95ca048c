package dev.pat4j.http;

import dev.pat4j.http.internal.IpLiteral;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A range of IP addresses in CIDR notation, IPv4 ({@code 10.0.0.0/8}) or IPv6
 * ({@code 2001:db8::/32}); a bare address is the range of that one address ({@code /32} or
 * {@code /128}). Used for trusted proxies, for addresses the throttle exempts, and for
 * per-token address rules.
 *
 * <p>Parsed strictly from text and never through DNS (a host name is refused, not resolved): see
 * {@link #parse(String)}. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4
 * address it maps, both as a range ({@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}) and when
 * {@link #contains(String) tested}; so an IPv6 range never contains an IPv4 address (write
 * {@code 0.0.0.0/0} and {@code ::/0} for "any"). Bits below the prefix are cleared
 * ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), and {@link #toString()} is the canonical form,
 * which {@link #parse} reads back as an equal range. Immutable; thread-safe.
 */
public final class AddressRange {
    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = masked(network, prefixLength);
        this.prefixLength = prefixLength;
    }

    /**
     * Reads {@code ADDRESS} or {@code ADDRESS/PREFIX}: an IPv4 literal (four decimal parts of 0
     * to 255, no leading zeros) with a prefix of 0 to 32, or an IPv6 literal (RFC 4291 text, no
     * zone, no brackets) with a prefix of 0 to 128; the prefix is decimal without a sign or
     * leading zeros.
     *
     * @throws IllegalArgumentException if {@code text} is anything else; the message does not repeat it
     */
    public static AddressRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("expected an address range such as 10.0.0.0/8 or 2001:db8::/32");
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] raw = IpLiteral.parseRaw(address);
        if (raw == null) {
            throw new IllegalArgumentException("expected an address range such as 10.0.0.0/8 or 2001:db8::/32"
                    + " (an IP address, no host name, then optionally / and a prefix length)");
        }
        int max = raw.length * 8;
        int prefix = slash < 0 ? max : prefixLength(text.substring(slash + 1), max);
        byte[] unmapped = IpLiteral.unmapped(raw);
        if (unmapped.length == 4 && raw.length == 16) {
            if (prefix < 96) {
                return new AddressRange(raw, prefix);
            }
            return new AddressRange(unmapped, prefix - 96);
        }
        return new AddressRange(raw, prefix);
    }

    /**
     * Ranges separated by commas or white space (the settings file's form); empty text is no range.
     *
     * @throws IllegalArgumentException naming the position of the first entry that is no range
     */
    public static List<AddressRange> parseList(String text) {
        List<AddressRange> out = new ArrayList<>();
        int position = 0;
        for (String item : text.strip().split("[\\s,]+")) {
            if (item.isEmpty()) {
                continue;
            }
            position++;
            try {
                out.add(parse(item));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + position + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code address} (a literal, as {@link RequestView#remoteAddress()} gives it; an IPv6 zone is ignored) is in this range; false for null or anything that is not an address. */
    public boolean contains(@Nullable String address) {
        byte[] bytes = IpLiteral.parseClient(address);
        return bytes != null && containsBytes(bytes);
    }

    /** Whether the address of these bytes (4 for IPv4, 16 for IPv6, mapped ones already as IPv4) is in this range. */
    boolean containsBytes(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (network[full] & 0xFF);
    }

    /** Whether this is an IPv4 range. */
    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The number of leading bits that every address in the range shares. */
    public int prefixLength() {
        return prefixLength;
    }

    /** The canonical form, {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return IpLiteral.format(network) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    private static int prefixLength(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new IllegalArgumentException("the prefix length must be a number from 0 to " + max);
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("the prefix length must be a number from 0 to " + max);
            }
            n = n * 10 + (c - '0');
        }
        if (n > max) {
            throw new IllegalArgumentException("the prefix length must be a number from 0 to " + max);
        }
        return n;
    }

    /** {@code bytes} with every bit below the first {@code prefix} cleared (a copy). */
    static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }
}
