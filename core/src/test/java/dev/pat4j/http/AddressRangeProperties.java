package dev.pat4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pat4j.http.internal.IpLiteral;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Address literals and CIDR ranges: every range prints in a form that reads back as itself and
 * contains its own addresses and no others; every IPv6 spelling reads as the bytes the JDK reads
 * for it (only literals the parser accepted are handed to the JDK, which never looks a literal
 * up); anything else is a clean {@link IllegalArgumentException}, host names included, so there
 * is nothing a lookup could be made for.
 */
class AddressRangeProperties {

    @Property(tries = 1000)
    void aRangeReadsBackFromItsCanonicalForm(@ForAll("ranges") AddressRange range) {
        AddressRange again = AddressRange.parse(range.toString());

        assertThat(again).isEqualTo(range).hasSameHashCodeAs(range);
        assertThat(again.toString()).isEqualTo(range.toString());
    }

    @Property(tries = 1000)
    void aRangeContainsExactlyTheAddressesThatShareItsPrefix(@ForAll("addresses") byte[] network,
                                                             @ForAll("addresses") byte[] other,
                                                             @ForAll("prefixes") int prefixSeed) {
        int prefix = prefixSeed % (network.length * 8 + 1);
        AddressRange range = AddressRange.parse(IpLiteral.format(network) + "/" + prefix);

        assertThat(range.contains(IpLiteral.format(network))).isTrue();
        boolean sameFamily = other.length == network.length;
        boolean shared = sameFamily && sharedBits(network, other) >= prefix;
        assertThat(range.contains(IpLiteral.format(other))).isEqualTo(shared);
    }

    @Property(tries = 1000)
    void everyIpv6SpellingReadsAsTheJdkReadsIt(@ForAll("ipv6Spellings") String text) throws UnknownHostException {
        byte[] ours = IpLiteral.parse(text);

        assertThat(ours).as(text).isNotNull();
        // a literal the parser accepted: the JDK parses it as text and looks nothing up
        assertThat(ours).as(text).isEqualTo(InetAddress.getByName(text).getAddress());
        assertThat(IpLiteral.parse(IpLiteral.format(ours))).isEqualTo(ours);
    }

    @Property(tries = 2000)
    void anyTextIsARangeOrACleanRefusal(@ForAll("hostile") String text) {
        Throwable thrown = catchThrowable(() -> AddressRange.parse(text));

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix")
                    .hasMessageNotContaining("\u0000");
        } else {
            AddressRange range = AddressRange.parse(text);
            assertThat(AddressRange.parse(range.toString())).isEqualTo(range);
        }
        Throwable client = catchThrowable(() -> IpLiteral.parseClient(text));
        assertThat(client).as("a client address is read or is null, never an exception").isNull();
    }

    @Property(tries = 500)
    void aMappedIpv6AddressIsItsIpv4Address(@ForAll("ipv4") byte[] ipv4) {
        String dotted = IpLiteral.format(ipv4);
        AddressRange mapped = AddressRange.parse("::ffff:" + dotted + "/120");

        assertThat(mapped).isEqualTo(AddressRange.parse(dotted + "/24"));
        assertThat(mapped.isIpv4()).isTrue();
        assertThat(AddressRange.parse(dotted).contains("::ffff:" + dotted)).isTrue();
        assertThat(AddressRange.parse(dotted).contains("::FFFF:" + dotted)).isTrue();
        assertThat(IpLiteral.parseClient("[::ffff:" + dotted + "]")).isEqualTo(ipv4);
    }

    @Example
    void hostNamesAreRefusedNotResolved() {
        for (String name : List.of("localhost", "localhost/32", "example.com", "example.com/8", "ip6-localhost",
                "0x7f.1", "127.1", "2130706433", "127.0.0.01", "0177.0.0.1", "1.2.3.4.5", "1.2.3", "[::1]", "::1%eth0",
                "fe80::1%1/64", "1.2.3.4/", "1.2.3.4/33", "::/129", "1.2.3.4/08", "1.2.3.4/-1", "1.2.3.4/+8",
                "1.2.3.4/8/8", " 1.2.3.4", "1.2.3.4 ", "", "/8", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9",
                "::1.2.3", "::1.2.3.4.5", "1:2:3:4:5:6:7:1.2.3.4", "g::1", "١.٢.٣.٤")) {
            assertThatThrownBy(() -> AddressRange.parse(name)).as(name).isExactlyInstanceOf(IllegalArgumentException.class);
        }
        assertThat(AddressRange.parse("1.2.3.4").contains("localhost")).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(null)).isFalse();
        assertThatThrownBy(() -> AddressRange.parse(null)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void canonicalFormsFollowRfc5952AndClearHostBits() {
        assertThat(AddressRange.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(AddressRange.parse("2001:DB8:0:0:1:0:0:1")).hasToString("2001:db8::1:0:0:1/128");
        assertThat(AddressRange.parse("2001:db8:0:0:0:0:2:1/128")).hasToString("2001:db8::2:1/128");
        assertThat(AddressRange.parse("2001:db8:0:1:1:1:1:1")).hasToString("2001:db8:0:1:1:1:1:1/128");
        assertThat(AddressRange.parse("::")).hasToString("::/128");
        assertThat(AddressRange.parse("::/0")).hasToString("::/0");
        assertThat(AddressRange.parse("fe80::1:2/10")).hasToString("fe80::/10");
        assertThat(AddressRange.parse("::ffff:0:0/96")).hasToString("0.0.0.0/0");
        assertThat(AddressRange.parse("::ffff:0:0/95").isIpv4()).isFalse();
        assertThat(AddressRange.parse("::/0").contains("10.0.0.1")).as("an IPv6 range holds no IPv4 address").isFalse();
        assertThat(AddressRange.parse("fe80::/10").contains("fe80::1%eth0")).isTrue();
        assertThat(AddressRange.parseList(" 10.0.0.0/8, 192.168.0.0/16  2001:db8::/32 "))
                .extracting(AddressRange::toString).containsExactly("10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32");
        assertThat(AddressRange.parseList("  ")).isEmpty();
        assertThatThrownBy(() -> AddressRange.parseList("10.0.0.0/8, nope")).hasMessageStartingWith("entry 2: ");
    }

    // ---- generators ------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<byte[]> addresses() {
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16).map(IpLiteral::unmapped);
        // few random bytes share long prefixes: also near neighbours of fixed networks
        Arbitrary<byte[]> near = Arbitraries.integers().between(0, 255).map(b -> new byte[] {10, 0, 0, (byte) (int) b});
        return Arbitraries.oneOf(ipv4(), v6, near);
    }

    @Provide
    Arbitrary<Integer> prefixes() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<AddressRange> ranges() {
        return Combinators.combine(addresses(), prefixes())
                .as((bytes, seed) -> AddressRange.parse(IpLiteral.format(bytes) + "/" + seed % (bytes.length * 8 + 1)));
    }

    /** IPv6 written every legal way: full, zero-padded, upper case, compressed anywhere, with a dotted tail. */
    @Provide
    Arbitrary<String> ipv6Spellings() {
        Arbitrary<int[]> groups = Arbitraries.integers().between(0, 0xFFFF).array(int[].class).ofSize(8)
                .map(g -> {
                    for (int i = 0; i < g.length; i++) {
                        if (g[i] % 3 == 0) {
                            g[i] = 0; // runs of zeros to compress
                        }
                    }
                    return g;
                });
        return Combinators.combine(groups, Arbitraries.integers().between(-1, 7), Arbitraries.integers().between(1, 8),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((g, gapStart, gapLength, upper, padded, dottedTail) -> spell(g, gapStart, gapLength, upper, padded,
                        dottedTail));
    }

    private static String spell(int[] g, int gapStart, int gapLength, boolean upper, boolean padded, boolean dotted) {
        List<String> parts = new ArrayList<>();
        int last = dotted ? 6 : 8;
        for (int i = 0; i < last; i++) {
            String hex = Integer.toHexString(g[i]);
            parts.add(padded ? "0".repeat(4 - hex.length()) + hex : hex);
        }
        if (dotted) {
            parts.add((g[6] >>> 8) + "." + (g[6] & 0xFF) + "." + (g[7] >>> 8) + "." + (g[7] & 0xFF));
        }
        String text;
        int end = Math.min(last, gapStart + gapLength);
        if (gapStart >= 0 && gapStart < last && end > gapStart) {
            String left = String.join(":", parts.subList(0, gapStart));
            String right = String.join(":", parts.subList(end, parts.size()));
            for (int i = gapStart; i < end; i++) {
                g[i] = 0;
            }
            text = left + "::" + right;
        } else {
            text = String.join(":", parts);
        }
        return upper ? text.toUpperCase(Locale.ROOT) : text;
    }

    /** Text near the grammar and far from it: mutated literals, host names, numbers, control characters. */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> alphabet = Arbitraries.strings().withChars("0123456789abcdefABCDEF:./%[]-+ x\u0000\u0660")
                .ofMaxLength(50);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<String> mutated = Combinators.combine(ranges(), Arbitraries.integers().between(0, 60),
                        Arbitraries.chars().with(":./%0123456789af x"))
                .as((range, at, c) -> {
                    String s = range.toString();
                    int i = Math.min(at, s.length());
                    return s.substring(0, i) + c + s.substring(i);
                });
        return Arbitraries.oneOf(alphabet, any, mutated, Arbitraries.of("localhost", "example.com", "a.b.c.d"));
    }

    private static int sharedBits(byte[] a, byte[] b) {
        for (int bit = 0; bit < a.length * 8; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return bit;
            }
        }
        return a.length * 8;
    }
}
