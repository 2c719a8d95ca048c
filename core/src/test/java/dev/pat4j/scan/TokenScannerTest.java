package dev.pat4j.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.internal.TokenCodec;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.token.TokenFormat;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The leak scanner: finds planted tokens exactly where they are, and nothing that only looks like one. */
class TokenScannerTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenCodec codec = new TokenCodec("pat");
    private final TokenScanner scanner = TokenScanner.forFormat(TokenFormat.standard());

    @Test
    void plantedTokensAreFoundWithLineColumnAndId() {
        String a = codec.generate(RANDOM);
        String b = codec.generate(RANDOM);
        String c = codec.generate(RANDOM);
        String text = "# config\n"
                + "token: " + a + "\n"                       // line 2, column 8
                + "\n"
                + "  curl -H \"Authorization: Bearer " + b + "\" https://x\r\n" // line 4, column 34
                + a.substring(0, 20) + "\n"                 // a fragment, not a token
                + c + "," + a + "\n"                         // line 6, columns 1 and 56
                + "url=https://u:" + b;                      // line 7, column 15, at end of text
        List<TokenMatch> found = scanner.scan(text);

        assertThat(found).extracting(TokenMatch::line, TokenMatch::column, TokenMatch::tokenId, TokenMatch::token)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, 8, id(a), a),
                        org.assertj.core.groups.Tuple.tuple(4, 34, id(b), b),
                        org.assertj.core.groups.Tuple.tuple(6, 1, id(c), c),
                        org.assertj.core.groups.Tuple.tuple(6, 56, id(a), a),
                        org.assertj.core.groups.Tuple.tuple(7, 15, id(b), b));
        for (TokenMatch m : found) {
            assertThat(text.substring(m.offset(), m.offset() + m.token().length())).isEqualTo(m.token());
        }
    }

    @Test
    void nearMissesAreNotReported() {
        String t = codec.generate(RANDOM);
        char last = t.charAt(t.length() - 1);
        String wrongChecksum = t.substring(0, t.length() - 1) + (last == '0' ? '1' : '0');
        String secretChanged = t.substring(0, 20) + (t.charAt(20) == 'a' ? 'b' : 'a') + t.substring(21);
        String oneShort = t.substring(0, t.length() - 1);
        String otherPrefix = Fixtures.withChecksum("pak_" + t.substring(4, 48));
        String upperPrefix = "PAT_" + t.substring(4);
        List<String> nearMisses = List.of(
                wrongChecksum,
                secretChanged,
                oneShort,
                t + "A",
                t + "0",
                t + "_",
                "A" + t,
                "x" + t,
                "_" + t,
                "9" + t,
                "pat_" + t,
                t + t,
                otherPrefix,
                upperPrefix,
                t.toUpperCase(Locale.ROOT),
                t.substring(0, 30) + " " + t.substring(30),
                t.substring(0, 30) + "\n" + t.substring(31));
        for (String nearMiss : nearMisses) {
            String text = "key=" + nearMiss + "\nother line " + nearMiss + "\n";
            assertThat(scanner.scan(text)).as(nearMiss).isEmpty();
        }
        assertThat(scanner.scan(String.join(" ", nearMisses))).isEmpty();
        // Separators that are not token characters do delimit a token.
        for (String around : List.of(" %s ", "\"%s\"", "'%s'", "(%s)", "%s.", "-%s-", "=%s;", "/%s/", "\t%s\r\n")) {
            assertThat(scanner.scan(String.format(around, t))).as(around).singleElement()
                    .extracting(TokenMatch::tokenId).isEqualTo(id(t));
        }
    }

    @Test
    void aNearMissRightBeforeARealTokenDoesNotHideIt() {
        String t = codec.generate(RANDOM);
        String text = "pat_ pat_x " + t.substring(0, 40) + " " + t;
        assertThat(scanner.scan(text)).singleElement().satisfies(m -> {
            assertThat(m.tokenId()).isEqualTo(id(t));
            assertThat(m.offset()).isEqualTo(text.length() - t.length());
            assertThat(m.line()).isEqualTo(1);
            assertThat(m.column()).isEqualTo(text.length() - t.length() + 1);
        });
    }

    @Test
    void aScannerOfAnotherPrefixFindsNothing() {
        String t = codec.generate(RANDOM);
        assertThat(TokenScanner.forFormat(TokenFormat.withPrefix("ghp")).scan("a " + t + " b")).isEmpty();
        String custom = new TokenCodec("ghp").generate(RANDOM);
        assertThat(TokenScanner.forFormat(TokenFormat.withPrefix("ghp")).scan("a " + custom + " b"))
                .singleElement().extracting(TokenMatch::tokenId).isEqualTo(custom.substring(4, 16));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String t = codec.generate(RANDOM);
        String secret = t.substring(16, 48);
        TokenMatch m = scanner.scan("leak: " + t).get(0);
        assertThat(m.toString()).contains(id(t)).doesNotContain(secret).doesNotContain(t);
        assertThat(scanner.toString()).doesNotContain(secret);
        assertThat(List.of(m).toString()).doesNotContain(secret);
    }

    @Test
    void emptyAndTokenFreeTextYieldNothing() {
        assertThat(scanner.scan("")).isEmpty();
        assertThat(scanner.scan("pat_")).isEmpty();
        assertThat(scanner.scan("no tokens here\n".repeat(100))).isEmpty();
    }

    private static String id(String token) {
        return token.substring(4, 16);
    }
}
