package dev.pat4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void controlCharactersCannotForgeLogLines() {
        assertThat(LogText.of("/a\r\nINFO fake line\u0000")).isEqualTo("/a??INFO fake line?");
    }

    @Test
    void longOpaqueRunsAreMasked() {
        String token = "pat_" + "A1b2C3d4E5f6".repeat(4) + "xyz";
        assertThat(LogText.of("/files/" + token + "/x")).isEqualTo("/files/<masked>/x");
        assertThat(LogText.of("/api/repos/12345")).isEqualTo("/api/repos/12345");
    }

    @Test
    void lengthIsBounded() {
        assertThat(LogText.of("/a-".repeat(200))).hasSize(203).endsWith("...");
        assertThat(LogText.of(null)).isEqualTo("-");
    }
}
