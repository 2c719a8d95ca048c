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
    void foldsMessagesOntoOneLine() {
        assertThat(Redaction.oneLine("first\n  second\r\nthird\n")).isEqualTo("first second third");
        assertThat(Redaction.oneLine(null)).isEmpty();
    }
}
