package dev.pat4j.spring.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code bench.security=pat4j} over HTTP: each written token is let in, a request without one or with a forged one is 401. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bench.security=pat4j", "bench.tokens=3"})
class Pat4jChainTest {
    @TempDir
    static Path files;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry registry) {
        BenchClient.registerFiles(registry, files);
    }

    @Test
    void writesItsPortAndOneBearerTokenPerClient() throws Exception {
        assertThat(BenchClient.readyPort(files)).isEqualTo(port);
        List<String> headers = BenchClient.headers(files);
        assertThat(headers).hasSize(3).allSatisfy(h -> assertThat(h).startsWith("Bearer pat_"));
        assertThat(headers).doesNotHaveDuplicates();
    }

    @Test
    void everyWrittenTokenIsLetInWithoutASession() throws Exception {
        for (String header : BenchClient.headers(files)) {
            HttpResponse<String> response = BenchClient.get(port, header);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
            assertThat(response.headers().firstValue("Content-Length")).as("the load generator needs it").hasValue("2");
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void aRequestWithoutATokenOrWithAForgedOneIsRefused() throws Exception {
        assertThat(BenchClient.get(port, null).statusCode()).isEqualTo(401);
        String token = BenchClient.headers(files).get(0);
        String forged = token.substring(0, token.length() - 8) + "AAAAAAAA";
        assertThat(BenchClient.get(port, forged).statusCode()).isEqualTo(401);
    }
}
