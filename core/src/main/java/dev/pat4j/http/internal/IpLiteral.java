package dev.pat4j.http.internal;

import org.jspecify.annotations.Nullable;

/**
 * IP address literals, parsed by hand, character by character, and printed canonically. Never
 * touches the network: {@code InetAddress.getByName} would resolve anything that is not a
 * literal through DNS (and Java 17 has no lookup-free {@code InetAddress.ofLiteral}), so a
 * hostile header could make every request wait on a resolver. Strict: IPv4 is four decimal parts
 * of 0 to 255 without leading zeros (so {@code 010} is not read as octal by one tool and decimal
 * by another); IPv6 is RFC 4291 text (hex groups, at most one {@code ::}, an optional dotted
 * IPv4 tail) of at most {@value #MAX_LENGTH} characters. Stateless; thread-safe.
 */
public final class IpLiteral {
    /** The longest literal: eight groups of four with seven colons, or six groups and a dotted tail (45). */
    public static final int MAX_LENGTH = 45;
    private static final int IPV6_GROUPS = 8;

    private IpLiteral() {
    }

    /**
     * The 4 bytes of an IPv4 literal or the 16 of an IPv6 one, exactly as written (an
     * IPv4-mapped IPv6 address stays 16 bytes); null when {@code text} is no literal.
     */
    public static byte @Nullable [] parseRaw(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text, 0, text.length());
    }

    /**
     * The address's bytes with an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its 4
     * IPv4 bytes, since it is the same host; null when {@code text} is no literal.
     */
    public static byte @Nullable [] parse(@Nullable String text) {
        byte[] raw = parseRaw(text);
        return raw == null ? null : unmapped(raw);
    }

    /**
     * A client address as a container or a proxy reports it: a literal, optionally with an
     * IPv6 zone ({@code fe80::1%eth0}, dropped) or in brackets ({@code [::1]}); mapped IPv4 as
     * IPv4. Null when it is none of these.
     */
    public static byte @Nullable [] parseClient(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (s.indexOf(':') < 0 || zone == s.length() - 1 || !isZone(s, zone + 1)) {
                return null;
            }
            s = s.substring(0, zone);
        }
        return parse(s);
    }

    /** {@code bytes} with an IPv4-mapped IPv6 address turned into its IPv4 address; other addresses unchanged. */
    public static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xFF || bytes[11] != (byte) 0xFF) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }

    /** The canonical text: dotted decimal, or RFC 5952 (lower case, the longest run of two or more zero groups as {@code ::}). */
    public static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes");
        }
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_GROUPS; ) {
            int j = i;
            while (j < IPV6_GROUPS && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** The canonical text of a client address ({@link #parseClient}), or null when it is none. */
    public static @Nullable String canonicalClient(@Nullable String text) {
        byte[] bytes = parseClient(text);
        return bytes == null ? null : format(bytes);
    }

    private static boolean isZone(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return s.length() - from <= 32;
    }

    /** Four parts of {@code text[from, to)}, each 0 to 255 written without leading zeros. */
    private static byte @Nullable [] ipv4(String text, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte @Nullable [] ipv6(String text) {
        int[] groups = new int[IPV6_GROUPS];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        byte[] tail = null;
        while (i < n) {
            if (count == IPV6_GROUPS) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && i - start < 4 && hex(text.charAt(i)) >= 0) {
                value = (value << 4) | hex(text.charAt(i));
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // a dotted IPv4 tail: the last 32 bits
                if (count > IPV6_GROUPS - 2) {
                    return null;
                }
                tail = ipv4(text, start, n);
                if (tail == null) {
                    return null;
                }
                groups[count++] = ((tail[0] & 0xFF) << 8) | (tail[1] & 0xFF);
                groups[count++] = ((tail[2] & 0xFF) << 8) | (tail[3] & 0xFF);
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == n) {
                return null; // a single trailing colon
            }
        }
        if (gap < 0 ? count != IPV6_GROUPS : count > IPV6_GROUPS - 1) {
            return null;
        }
        byte[] out = new byte[16];
        int zeros = IPV6_GROUPS - count;
        for (int g = 0, k = 0; g < IPV6_GROUPS; g++) {
            int value;
            if (gap >= 0 && g >= gap && g < gap + zeros) {
                value = 0;
            } else {
                value = groups[k++];
            }
            out[2 * g] = (byte) (value >>> 8);
            out[2 * g + 1] = (byte) value;
        }
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
