package dev.pat4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.http.ClientAddressResolver.ForwardedHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The client address behind trusted proxies: headers believed only from them, walked from the
 * right past trusted hops, the client's own text at the left never read; obfuscated hops
 * unknown; malformed chains the peer.
 */
class TrustedProxiesTest {
    private static final List<AddressRange> PROXIES = AddressRange.parseList("10.0.0.0/8, 2001:db8:ffff::/48");
    private final ClientAddressResolver xff = ClientAddressResolver.trustedProxies(PROXIES);
    private final ClientAddressResolver forwarded = ClientAddressResolver.trustedProxies(PROXIES,
            ForwardedHeader.FORWARDED);

    /** A request from {@code peer} with these header lines. */
    record View(@Nullable String remoteAddress, Map<String, List<String>> headerMap) implements RequestView {
        static View from(@Nullable String peer, String... lines) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : lines) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
            return new View(peer, headers);
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String rawPath() {
            return "/";
        }

        @Override
        public String path() {
            return "/";
        }

        @Override
        public List<String> headers(String name) {
            return headerMap.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSends() {
        assertThat(xff.clientAddress(View.from("198.51.100.7", "X-Forwarded-For: 203.0.113.1")))
                .isEqualTo("198.51.100.7");
        assertThat(forwarded.clientAddress(View.from("198.51.100.7", "Forwarded: for=203.0.113.1")))
                .isEqualTo("198.51.100.7");
        assertThat(xff.clientAddress(View.from("0:0:0:0:0:0:0:1", "X-Forwarded-For: 203.0.113.1")))
                .as("canonical form").isEqualTo("::1");
        assertThat(xff.clientAddress(View.from("::ffff:198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void fromATrustedPeerTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: 203.0.113.1"))).isEqualTo("203.0.113.1");
        assertThat(xff.clientAddress(View.from("10.0.0.2",
                "X-Forwarded-For: 192.0.2.66, 203.0.113.1, 10.1.1.1 ,10.2.2.2"))).isEqualTo("203.0.113.1");
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: 192.0.2.66, 203.0.113.1",
                "X-Forwarded-For: 10.1.1.1"))).as("instances in order").isEqualTo("203.0.113.1");
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: 10.9.9.9, 10.1.1.1")))
                .as("every hop trusted: the leftmost").isEqualTo("10.9.9.9");
        assertThat(xff.clientAddress(View.from("10.0.0.2"))).as("no header").isEqualTo("10.0.0.2");
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: 2001:DB8::1, 2001:db8:ffff::9")))
                .isEqualTo("2001:db8::1");
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: [2001:db8::1]:4711, 203.0.113.9:80")))
                .isEqualTo("203.0.113.9");
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: [2001:db8::1]:4711")))
                .isEqualTo("2001:db8::1");
    }

    @Test
    void whatTheClientWroteLeftOfItsAddressIsNeverRead() {
        // nginx's $proxy_add_x_forwarded_for: the client's header, then its real address
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: not an address, 10.0.0.1, 203.0.113.1")))
                .isEqualTo("203.0.113.1");
        assertThat(forwarded.clientAddress(View.from("10.0.0.2",
                "Forwarded: for=\"broken, for=unknown, for=203.0.113.1"))).isEqualTo("203.0.113.1");
    }

    @Test
    void theForwardedHeaderIsReadPerRfc7239() {
        assertThat(forwarded.clientAddress(View.from("10.0.0.2",
                "Forwarded: for=192.0.2.60;proto=http;by=203.0.113.43"))).isEqualTo("192.0.2.60");
        assertThat(forwarded.clientAddress(View.from("10.0.0.2",
                "Forwarded: For=\"[2001:db8:cafe::17]:4711\", for=10.0.0.9"))).isEqualTo("2001:db8:cafe::17");
        assertThat(forwarded.clientAddress(View.from("10.0.0.2",
                "Forwarded: for=\"198.51.100.17:_port\";host=\"a;b,c\""))).isEqualTo("198.51.100.17");
        assertThat(forwarded.clientAddress(View.from("10.0.0.2",
                "Forwarded: for=192.0.2.43", "Forwarded: for=\"[2001:db8:ffff::1]\""))).isEqualTo("192.0.2.43");
        assertThat(forwarded.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: 192.0.2.43")))
                .as("only the header configured").isEqualTo("10.0.0.2");
        assertThat(xff.clientAddress(View.from("10.0.0.2", "Forwarded: for=192.0.2.43")))
                .as("only the header configured").isEqualTo("10.0.0.2");
    }

    @Test
    void obfuscatedOrUndisclosedHopsMakeTheClientUnknown() {
        for (String header : List.of("Forwarded: for=_hidden", "Forwarded: for=unknown", "Forwarded: for=\"_a.b-c\"",
                "Forwarded: proto=https;by=10.0.0.3", "Forwarded: for=192.0.2.1, for=_secret, for=10.0.0.5")) {
            assertThat(forwarded.clientAddress(View.from("10.0.0.2", header))).as(header).isNull();
        }
        assertThat(xff.clientAddress(View.from("10.0.0.2", "X-Forwarded-For: 192.0.2.1, unknown"))).isNull();
    }

    @Test
    void aMalformedChainIsThePeer() {
        for (String header : List.of("X-Forwarded-For: localhost", "X-Forwarded-For: 203.0.113.1, example.com",
                "X-Forwarded-For: 2001:db8::1::4711", "X-Forwarded-For: 1.2.3.4:99999", "X-Forwarded-For: [1.2.3.4]",
                "X-Forwarded-For: 010.0.0.1", "X-Forwarded-For: " + "10.0.0.1,".repeat(40))) {
            assertThat(xff.clientAddress(View.from("10.0.0.2", header))).as(header).isEqualTo("10.0.0.2");
        }
        for (String header : List.of("Forwarded: for=2001:db8::1", "Forwarded: for=[2001:db8::1]",
                "Forwarded: for=\"203.0.113.1", "Forwarded: for=1.2.3.4;for=5.6.7.8", "Forwarded: for",
                "Forwarded: for=_", "Forwarded: for=\"1.2.3.4\"x", "Forwarded: f(r=1.2.3.4",
                "Forwarded: for=\"1.2.3.4:_b@d\"", "Forwarded: for=host.example")) {
            assertThat(forwarded.clientAddress(View.from("10.0.0.2", header))).as(header).isEqualTo("10.0.0.2");
        }
        String huge = "X-Forwarded-For: " + "203.0.113.1 ".repeat(800);
        assertThat(xff.clientAddress(View.from("10.0.0.2", huge))).isEqualTo("10.0.0.2");
    }

    @Test
    void aPeerThatIsNoAddressIsPassedOnAsItIs() {
        assertThat(xff.clientAddress(View.from(null, "X-Forwarded-For: 203.0.113.1"))).isNull();
        assertThat(xff.clientAddress(View.from("unix:/run/app.sock", "X-Forwarded-For: 203.0.113.1")))
                .isEqualTo("unix:/run/app.sock");
        assertThatThrownBy(() -> ClientAddressResolver.trustedProxies(null)).isInstanceOf(NullPointerException.class);
        assertThat(ClientAddressResolver.trustedProxies(List.of()).clientAddress(
                View.from("10.0.0.2", "X-Forwarded-For: 203.0.113.1"))).as("no proxies: none trusted")
                .isEqualTo("10.0.0.2");
    }
}
