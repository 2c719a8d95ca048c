package dev.pat4j.http;

import dev.pat4j.http.TrustedProxies.Node;
import dev.pat4j.http.internal.IpLiteral;
import java.util.Locale;

/**
 * The parts of RFC 7239 {@code Forwarded} that {@link TrustedProxies} needs: splitting a field
 * value into elements from the right (commas inside quoted strings do not split), and the
 * {@code for=} node of one element. Stateless; thread-safe.
 */
final class ForwardedSyntax {
    private static final int MAX_PORT = 65_535;

    private ForwardedSyntax() {
    }

    /**
     * Where the element that ends just before {@code end} starts: after the nearest comma to
     * its left that is outside a quoted string, or 0; -1 when a quote is left open.
     */
    static int elementStart(String value, int end) {
        boolean quoted = false;
        for (int i = end - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i + 1;
            }
        }
        return quoted ? -1 : 0;
    }

    /**
     * The {@code for=} node of one element ({@code for=192.0.2.60;proto=http;by=203.0.113.43}):
     * an address; unknown for {@code for=unknown}, an obfuscated identifier ({@code _hidden})
     * or an element without {@code for}; malformed for anything that breaks the grammar or
     * names {@code for} twice.
     */
    static Node forNode(String element) {
        String forValue = null;
        int i = 0;
        int n = element.length();
        while (i < n) {
            int eq = element.indexOf('=', i);
            if (eq < 0) {
                return Node.MALFORMED;
            }
            String name = element.substring(i, eq).strip();
            if (!isToken(name)) {
                return Node.MALFORMED;
            }
            int j = eq + 1;
            String value;
            if (j < n && element.charAt(j) == '"') {
                StringBuilder unquoted = new StringBuilder();
                j++;
                while (j < n && element.charAt(j) != '"') {
                    char c = element.charAt(j);
                    if (c == '\\') {
                        if (++j == n) {
                            return Node.MALFORMED;
                        }
                        c = element.charAt(j);
                    }
                    unquoted.append(c);
                    j++;
                }
                if (j == n) {
                    return Node.MALFORMED;
                }
                j++;
                value = unquoted.toString();
            } else {
                int semicolon = element.indexOf(';', j);
                int stop = semicolon < 0 ? n : semicolon;
                value = element.substring(j, stop).strip();
                if (!isToken(value)) {
                    return Node.MALFORMED;
                }
                j = stop;
            }
            while (j < n && element.charAt(j) == ' ') {
                j++;
            }
            if (j < n && element.charAt(j) != ';') {
                return Node.MALFORMED;
            }
            i = j + 1;
            if (name.toLowerCase(Locale.ROOT).equals("for")) {
                if (forValue != null) {
                    return Node.MALFORMED;
                }
                forValue = value;
            }
        }
        return forValue == null ? Node.UNKNOWN : node(forValue);
    }

    /** A node: {@code unknown}, {@code _obfuscated}, {@code IPv4[:port]} or {@code "[IPv6][:port]"}. */
    private static Node node(String value) {
        if (value.equalsIgnoreCase("unknown")) {
            return Node.UNKNOWN;
        }
        if (value.startsWith("_")) {
            return isObfuscated(value) ? Node.UNKNOWN : Node.MALFORMED;
        }
        return nodeWithPort(value, true);
    }

    /**
     * {@code [IPv6]}, {@code [IPv6]:port}, {@code IPv4} or {@code IPv4:port}; with
     * {@code obfuscatedPort} a port may also be an obfuscated identifier (RFC 7239's
     * {@code obfport}).
     */
    static Node nodeWithPort(String text, boolean obfuscatedPort) {
        String address;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Node.MALFORMED;
            }
            address = text.substring(1, close);
            if (address.indexOf(':') < 0) {
                return Node.MALFORMED;
            }
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return Node.MALFORMED;
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                return Node.MALFORMED; // an IPv6 address without brackets
            }
            address = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (port != null && !isPort(port) && !(obfuscatedPort && isObfuscated(port))) {
            return Node.MALFORMED;
        }
        byte[] bytes = IpLiteral.parse(address);
        return bytes == null ? Node.MALFORMED : new Node(bytes, false);
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return false;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_PORT;
    }

    /** RFC 7239's {@code obfnode} and {@code obfport}: {@code _} then letters, digits, {@code .}, {@code _} and {@code -}. */
    private static boolean isObfuscated(String text) {
        if (text.length() < 2 || text.charAt(0) != '_') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 9110 token. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
