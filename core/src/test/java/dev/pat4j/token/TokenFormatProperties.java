package dev.pat4j.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.TokenCodec;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.scan.TokenMatch;
import dev.pat4j.scan.TokenScanner;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generate → recognise → read the id back, over random valid prefixes; invalid prefixes refused. */
class TokenFormatProperties {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Property(tries = 500)
    void generatedTokensAreWellFormedAndYieldTheirId(@ForAll("prefixes") String prefix) {
        TokenFormat format = TokenFormat.withPrefix(prefix);
        String token = new TokenCodec(prefix).generate(RANDOM);

        assertThat(format.prefix()).isEqualTo(prefix);
        assertThat(token).hasSize(format.tokenLength()).hasSize(prefix.length() + 1 + 12 + 32 + 6)
                .startsWith(prefix + "_");
        assertThat(token.substring(prefix.length() + 1)).matches("[0-9A-Za-z]{50}");
        assertThat(referenceWellFormed(prefix, token)).isTrue();
        assertThat(format.isWellFormed(token)).isTrue();
        String id = format.idOf(token);
        assertThat(id).isEqualTo(token.substring(prefix.length() + 1, prefix.length() + 13));
        assertThat(format.toString()).doesNotContain(token.substring(prefix.length() + 13));

        List<TokenMatch> found = TokenScanner.forFormat(format).scan("x = " + token + "\n");
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.tokenId()).isEqualTo(id);
            assertThat(m.token()).isEqualTo(token);
        });
    }

    @Property(tries = 300)
    void aTokenOfOnePrefixIsNotATokenOfAnother(@ForAll("prefixes") String a, @ForAll("prefixes") String b) {
        String token = new TokenCodec(a).generate(RANDOM);
        assertThat(TokenFormat.withPrefix(b).isWellFormed(token)).isEqualTo(a.equals(b));
    }

    /** isWellFormed against a plain regex + CRC32 reference, on near-token strings. */
    @Property(tries = 1000)
    void isWellFormedAgreesWithAReference(@ForAll("nearTokens") String candidate) {
        TokenFormat format = TokenFormat.standard();
        boolean expected = referenceWellFormed("pat", candidate);
        assertThat(format.isWellFormed(candidate)).as(candidate).isEqualTo(expected);
        if (expected) {
            assertThat(format.idOf(candidate)).isEqualTo(candidate.substring(4, 16));
        } else {
            assertThatThrownBy(() -> format.idOf(candidate)).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(candidate));
        }
    }

    @Property(tries = 500)
    void invalidPrefixesAreRefused(@ForAll("invalidPrefixes") String prefix) {
        assertThatThrownBy(() -> TokenFormat.withPrefix(prefix)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pat4j.builder().prefix(prefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void namedInvalidPrefixesAreRefused() {
        for (String prefix : new String[] {null, "", "a", "A", "Pat", "1ab", "_ab", "pat_", "pa-t", "pa t", "p\u00e4t",
            "abcdefghijklmnopq", "pat\n", " pat"}) {
            assertThatThrownBy(() -> TokenFormat.withPrefix(prefix)).as(String.valueOf(prefix))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(TokenFormat.withPrefix("ab").prefix()).isEqualTo("ab");
        assertThat(TokenFormat.withPrefix("abcdefghijklmnop").tokenLength()).isEqualTo(16 + 1 + 50);
        assertThat(TokenFormat.standard().prefix()).isEqualTo("pat");
    }

    @Example
    void aCustomPrefixWorksEndToEnd() {
        try (Pat4j pat4j = Fixtures.builder(new MutableClock(Fixtures.START), new InMemoryTokenStore())
                .prefix("acme9").build()) {
            IssuedToken issued = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
            assertThat(issued.token()).startsWith("acme9_");
            assertThat(pat4j.format().isWellFormed(issued.token())).isTrue();
            assertThat(pat4j.format().idOf(issued.token())).isEqualTo(issued.info().id());
            assertThat(pat4j.validator().check("Bearer " + issued.token(), "acme").authenticated()).isTrue();
            String asDefault = "pat_" + issued.token().substring("acme9_".length());
            assertThat(pat4j.validator().check("Bearer " + asDefault, "acme").authenticated()).isFalse();
        }
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Combinators.combine(Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(15))
                .as((first, rest) -> first + rest);
    }

    @Provide
    Arbitrary<String> invalidPrefixes() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                        Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'A', '9', '-').ofMaxLength(20))
                .filter(s -> !s.matches("[a-z][a-z0-9]{1,15}"));
    }

    @Provide
    Arbitrary<String> nearTokens() {
        Arbitrary<String> real = Arbitraries.create(() -> new TokenCodec("pat").generate(RANDOM));
        return Combinators.combine(real, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 60),
                Arbitraries.chars().with(BASE62.toCharArray()).with('_', ' ', '\u00e9', 'P')).as((t, kind, at, c) -> {
                    int i = Math.min(at, t.length() - 1);
                    return switch (kind) {
                        case 0 -> t;
                        case 1 -> t.substring(0, i) + c + t.substring(i + 1);
                        case 2 -> t.substring(0, i) + t.substring(i + 1);
                        case 3 -> t.substring(0, i) + c + t.substring(i);
                        case 4 -> t.substring(0, 16) + t.substring(16, 48).toUpperCase() + t.substring(48);
                        default -> Fixtures.withChecksum("pat_" + t.substring(4, 48));
                    };
                });
    }

    private static boolean referenceWellFormed(String prefix, String s) {
        if (!s.matches(java.util.regex.Pattern.quote(prefix) + "_[0-9A-Za-z]{50}")) {
            return false;
        }
        int body = s.length() - 6;
        CRC32 crc = new CRC32();
        crc.update(s.substring(0, body).getBytes(StandardCharsets.US_ASCII));
        long value = 0;
        for (char c : s.substring(body).toCharArray()) {
            value = value * 62 + BASE62.indexOf(c);
        }
        return value == crc.getValue();
    }
}
