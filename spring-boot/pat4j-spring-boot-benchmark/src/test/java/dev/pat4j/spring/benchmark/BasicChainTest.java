package dev.pat4j.spring.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code bench.security=basic} over HTTP: the user's Basic header is let in, a wrong password and
 * no credential are 401; the password is stored as BCrypt at strength 10.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bench.security=basic")
class BasicChainTest {
    @TempDir
    static Path files;

    @LocalServerPort
    int port;

    @Autowired
    UserDetailsService users;

    @DynamicPropertySource
    static void files(DynamicPropertyRegistry registry) {
        BenchClient.registerFiles(registry, files);
    }

    @Test
    void writesItsPortAndTheUsersBasicHeader() throws Exception {
        assertThat(BenchClient.readyPort(files)).isEqualTo(port);
        List<String> headers = BenchClient.headers(files);
        assertThat(headers).hasSize(1);
        assertThat(decode(headers.get(0))).startsWith(BasicChain.USER + ":");
    }

    @Test
    void thePasswordIsStoredAsBcryptAtStrengthTen() {
        assertThat(users.loadUserByUsername(BasicChain.USER).getPassword()).startsWith("{bcrypt}$2a$10$");
    }

    @Test
    void theUsersHeaderIsLetInWithoutASession() throws Exception {
        HttpResponse<String> response = BenchClient.get(port, BenchClient.headers(files).get(0));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("2");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aWrongPasswordOrNoCredentialIsRefused() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString(
                (BasicChain.USER + ":not-the-password").getBytes(StandardCharsets.UTF_8));
        assertThat(BenchClient.get(port, wrong).statusCode()).isEqualTo(401);
        assertThat(BenchClient.get(port, null).statusCode()).isEqualTo(401);
    }

    private static String decode(String header) {
        return new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
    }
}
