package dev.pat4j.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponsesTest {
    @Test
    void quotedStringEscapesQuoteAndBackslashOnly() {
        assertThat(Responses.quote("acme")).isEqualTo("\"acme\"");
        assertThat(Responses.quote("a \"b\" \\ c, d=e")).isEqualTo("\"a \\\"b\\\" \\\\ c, d=e\"");
        assertThat(Responses.quote("")).isEqualTo("\"\"");
    }
}
