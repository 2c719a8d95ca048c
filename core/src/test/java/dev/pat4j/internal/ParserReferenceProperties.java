package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The hand-written parsers of the hot path against the JDK's: {@link Utf8} against a strict
 * {@code CharsetDecoder}, {@link CredentialDecoder#decodeBase64} against {@code java.util.Base64}.
 *
 * <p>Deliberate leniency, shared with {@code java.util.Base64.getDecoder()} and so asserted
 * as agreement: padding may be missing, and the unused low bits of the last character need not
 * be zero (RFC 4648 3.5 lets decoders skip that check). Both only give other spellings of the
 * same credentials, never other credentials.
 */
class ParserReferenceProperties {

    // ---- UTF-8 -------------------------------------------------------------------------------

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void utf8AgreesWithTheJdkStrictDecoder(@ForAll("utf8ish") byte[] bytes) {
        boolean jdk = jdkAcceptsUtf8(bytes);
        assertThat(Utf8.isWellFormed(bytes, 0, bytes.length)).as(Arrays.toString(bytes)).isEqualTo(jdk);
        Statistics.label("well-formed").collect(jdk);
        Statistics.label("well-formed").coverage(c -> {
            c.check(true).percentage(p -> p > 10);
            c.check(false).percentage(p -> p > 10);
        });
    }

    @Property(tries = 500)
    void utf8OnASliceAgreesWithTheJdkOnTheSameSlice(@ForAll("utf8ish") byte[] bytes,
                                                    @ForAll @IntRange(max = 40) int a, @ForAll @IntRange(max = 40) int b) {
        int from = Math.min(a, bytes.length);
        int to = Math.max(from, Math.min(b, bytes.length));
        assertThat(Utf8.isWellFormed(bytes, from, to))
                .isEqualTo(jdkAcceptsUtf8(Arrays.copyOfRange(bytes, from, to)));
    }

    @Property(tries = 300)
    void arbitraryBytesAgreeToo(@ForAll @Size(max = 64) byte[] bytes) {
        assertThat(Utf8.isWellFormed(bytes, 0, bytes.length)).isEqualTo(jdkAcceptsUtf8(bytes));
    }

    @Example
    void theClassicTrapsAreRefused() {
        List<byte[]> bad = List.of(
                bytes(0xC0, 0x80),                  // overlong NUL
                bytes(0xE0, 0x80, 0xAF),            // overlong '/'
                bytes(0xF0, 0x80, 0x80, 0xAF),      // overlong '/'
                bytes(0xED, 0xA0, 0x80),            // UTF-16 surrogate U+D800
                bytes(0xED, 0xBF, 0xBF),            // surrogate U+DFFF
                bytes(0xF4, 0x90, 0x80, 0x80),      // above U+10FFFF
                bytes(0xF8, 0x88, 0x80, 0x80, 0x80),// 5-byte form
                bytes(0x80),                        // lone continuation
                bytes(0xE2, 0x82),                  // truncated
                bytes(0xFF));
        for (byte[] b : bad) {
            assertThat(Utf8.isWellFormed(b, 0, b.length)).as(Arrays.toString(b)).isFalse();
        }
        List<byte[]> good = List.of(bytes(0x7F), bytes(0xC2, 0x80), bytes(0xED, 0x9F, 0xBF),
                bytes(0xEE, 0x80, 0x80), bytes(0xF4, 0x8F, 0xBF, 0xBF), bytes(0xF0, 0x90, 0x80, 0x80));
        for (byte[] b : good) {
            assertThat(Utf8.isWellFormed(b, 0, b.length)).as(Arrays.toString(b)).isTrue();
        }
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> validCodePoint = Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 0x7F),
                        Arbitraries.integers().between(0x80, 0x7FF),
                        Arbitraries.integers().between(0x800, 0xFFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF),
                        Arbitraries.integers().between(0x10000, 0x10FFFF),
                        Arbitraries.of(0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF))
                .map(cp -> new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> trap = Arbitraries.of(bytes(0xC0, 0x80), bytes(0xC1, 0xBF), bytes(0xE0, 0x9F, 0xBF),
                bytes(0xED, 0xA0, 0x80), bytes(0xF0, 0x8F, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80),
                bytes(0xF5, 0x80, 0x80, 0x80), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98), bytes(0x80),
                bytes(0xBF), bytes(0xFE), bytes(0xFF));
        Arbitrary<byte[]> randomByte = Arbitraries.bytes().map(b -> new byte[] {b});
        Arbitrary<byte[]> chunk = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, validCodePoint), net.jqwik.api.Tuple.of(1, trap),
                net.jqwik.api.Tuple.of(1, randomByte));
        return chunk.list().ofMaxSize(12).map(ParserReferenceProperties::concat);
    }

    // ---- base64 ------------------------------------------------------------------------------

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void base64AgreesWithJavaUtilBase64(@ForAll("base64ish") String text) {
        byte[] out = new byte[CredentialDecoder.MAX_HEADER_LENGTH];
        int n = CredentialDecoder.decodeBase64(text.toCharArray(), 0, text.length(), out);
        byte[] jdk;
        try {
            jdk = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            jdk = null;
        }
        if (jdk == null) {
            assertThat(n).as("'%s' is not base64 to the JDK", text).isEqualTo(-1);
        } else {
            assertThat(n).as("'%s' decodes to %d bytes", text, jdk.length).isEqualTo(jdk.length);
            assertThat(Arrays.copyOf(out, n)).isEqualTo(jdk);
        }
        Statistics.label("jdk accepts").collect(jdk != null);
        Statistics.label("jdk accepts").coverage(c -> {
            c.check(true).percentage(p -> p > 20);
            c.check(false).percentage(p -> p > 10);
        });
    }

    @Property(tries = 300)
    void base64OnASliceDecodesOnlyTheSlice(@ForAll @Size(max = 48) byte[] payload, @ForAll boolean padded,
                                           @ForAll("base64ish") String before, @ForAll("base64ish") String after) {
        Base64.Encoder enc = padded ? Base64.getEncoder() : Base64.getEncoder().withoutPadding();
        String encoded = enc.encodeToString(payload);
        String text = before + encoded + after;
        byte[] out = new byte[CredentialDecoder.MAX_HEADER_LENGTH];
        int n = CredentialDecoder.decodeBase64(text.toCharArray(), before.length(), before.length() + encoded.length(), out);
        assertThat(n).isEqualTo(payload.length);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(payload);
    }

    @Example
    void documentedLeniencyMatchesTheJdk() {
        byte[] out = new byte[16];
        assertThat(CredentialDecoder.decodeBase64("QQ".toCharArray(), 0, 2, out)).isEqualTo(1);   // padding missing
        assertThat(out[0]).isEqualTo((byte) 'A');
        assertThat(CredentialDecoder.decodeBase64("QR==".toCharArray(), 0, 4, out)).isEqualTo(1); // non-zero unused bits
        assertThat(out[0]).isEqualTo((byte) 'A');
        for (String refused : List.of("Q", "QQ=", "Q===", "QQ==QQ==", "Q Q=", "QQ-_", "====", "QUJD=")) {
            assertThat(CredentialDecoder.decodeBase64(refused.toCharArray(), 0, refused.length(), out)).as(refused).isEqualTo(-1);
        }
    }

    @Provide
    Arbitrary<String> base64ish() {
        Arbitrary<String> encodings = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(30),
                Arbitraries.integers().between(0, 2)).as((b, style) -> switch (style) {
                    case 0 -> Base64.getEncoder().encodeToString(b);
                    case 1 -> Base64.getEncoder().withoutPadding().encodeToString(b);
                    default -> Base64.getMimeEncoder().encodeToString(b); // may hold CRLF
                });
        Arbitrary<String> soup = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/====-_ \t\u00e9\0")
                .ofMaxLength(24);
        Arbitrary<String> edited = Combinators.combine(encodings, soup, Arbitraries.integers().between(0, 100))
                .as((e, s, at) -> {
                    int i = Math.min(e.length(), at % (e.length() + 1));
                    return e.substring(0, i) + (s.isEmpty() ? "" : s.substring(0, 1)) + e.substring(i);
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, encodings), net.jqwik.api.Tuple.of(3, soup),
                net.jqwik.api.Tuple.of(3, edited));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static boolean jdkAcceptsUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
