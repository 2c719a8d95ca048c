package dev.pat4j.spring.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code bench.security=permitall} over HTTP: every request is let in, and the clients are given no header. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bench.security=permitall")
class PermitAllChainTest {
    @TempDir
    static Path files;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry registry) {
        BenchClient.registerFiles(registry, files);
    }

    @Test
    void writesItsPortAndNoHeader() throws Exception {
        assertThat(BenchClient.readyPort(files)).isEqualTo(port);
        assertThat(BenchClient.headers(files)).isEmpty();
    }

    @Test
    void letsARequestWithoutCredentialsInWithoutASession() throws Exception {
        HttpResponse<String> response = BenchClient.get(port, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("2");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
