package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void cutsTokenShapedTextDownToPrefixAndId() {
        String token = "pat_AbCdEfGhIjKl" + "s".repeat(32) + "XyZ123";
        assertThat(Redaction.oneLine("Unmatched argument at index 1: '" + token + "'"))
                .isEqualTo("Unmatched argument at index 1: 'pat_AbCdEfGhIjKl…'");
    }

    @Test
    void cutsMistypedTokensToo() {
        String almost = "pat_AbCdEfGhIjKl" + "s".repeat(30);
        assertThat(Redaction.oneLine(almost)).isEqualTo("pat_AbCdEfGhIjKl…").doesNotContain("sss");
    }

    @Test
    void cutsTokensOfAnyPrefixAndTokensPastedWithoutTheirPrefix() {
        String body = "AbCdEfGhIjKl" + "s".repeat(32) + "XyZ123";
        assertThat(Redaction.oneLine("no tokens for acme_" + body)).isEqualTo("no tokens for acme_AbCdEfGhIjKl…");
        assertThat(Redaction.oneLine("no token with id " + body)).isEqualTo("no token with id AbCdEfGhIjKl…");
        assertThat(Redaction.looksLikeAToken(body)).isTrue();
        assertThat(Redaction.looksLikeAToken("alice")).isFalse();
        String sha256 = "ff8a6b03275e5eba8854fc91900369d26069d027756235f900683ad4b7b4949f";
        assertThat(Redaction.oneLine("SHA-256 " + sha256)).as("a checksum is not a token").endsWith(sha256);
    }

    @Test
    void foldsMessagesOntoOneLine() {
        assertThat(Redaction.oneLine("first\n  second\r\nthird\n")).isEqualTo("first second third");
        assertThat(Redaction.oneLine(null)).isEmpty();
    }
}
