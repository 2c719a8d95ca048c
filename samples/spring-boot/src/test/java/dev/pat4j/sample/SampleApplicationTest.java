package dev.pat4j.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's walk through the sample, over HTTP: sign in, create a token on the page, call the API with it,
 * list and revoke it through the management API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:sample-test;DB_CLOSE_DELAY=-1")
class SampleApplicationTest {
    private static final Pattern CSRF = Pattern.compile("name=\"?_csrf\"?[^>]*value=\"?([^\" >]+)");
    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aUserSignsInCreatesATokenAndAToolCallsTheApiWithIt() throws Exception {
        HttpResponse<String> login = send("GET", "/login", null);
        String cookie = cookie(login, null);
        HttpResponse<String> signedIn = send("POST", "/login", "username=alice&password=alice-password&_csrf="
                + csrf(login.body()), "Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String session = cookie(signedIn, cookie);

        HttpResponse<String> page = send("GET", "/", null, "Cookie", session);
        assertThat(page.body()).contains("Hello alice");
        HttpResponse<String> created = send("POST", "/tokens", "name=cli&scope=code:read&_csrf=" + csrf(page.body()),
                "Cookie", session, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(created.statusCode()).isEqualTo(200);
        String token = created.body().strip();
        assertThat(token).startsWith("pat_");

        HttpResponse<String> repos = send("GET", "/api/repos", null, "Authorization", "Bearer " + token);
        assertThat(repos.statusCode()).isEqualTo(200);
        assertThat(repos.body()).contains("app", "docs");
        assertThat(send("POST", "/api/repos", "tools", "Authorization", "Bearer " + token).statusCode())
                .as("code:read does not create").isEqualTo(403);
        assertThat(send("GET", "/api/repos", null).statusCode()).as("no token").isEqualTo(401);
        assertThat(send("POST", "/tokens", "name=x&scope=code:read", "Authorization", "Bearer " + token,
                "Content-Type", "application/x-www-form-urlencoded").statusCode()).as("a token mints none")
                .isEqualTo(403);

        // the management API at /pat4j/api, in the same session: list, then revoke with Spring's CSRF token
        HttpResponse<String> tokenPage = send("GET", "/pat4j/tokens/", null, "Cookie", session);
        assertThat(tokenPage.statusCode()).as("pat4j's self-service page").isEqualTo(200);
        assertThat(tokenPage.body()).contains("data-api=\"/pat4j/api\"");
        HttpResponse<String> listed = send("GET", "/pat4j/api/tokens", null, "Cookie", session);
        assertThat(listed.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\":\"([0-9A-Za-z]{12})\"").matcher(listed.body());
        assertThat(id.find()).as(listed.body()).isTrue();
        assertThat(listed.body()).contains("\"name\":\"cli\"").doesNotContain(token);
        HttpResponse<String> csrf = send("GET", "/pat4j/api/csrf", null, "Cookie", session);
        Matcher value = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(csrf.body());
        assertThat(value.find()).as(csrf.body()).isTrue();
        assertThat(send("DELETE", "/pat4j/api/tokens/" + id.group(1), null, "Cookie", session).statusCode())
                .as("without the CSRF token").isEqualTo(403);
        assertThat(send("DELETE", "/pat4j/api/tokens/" + id.group(1), null, "Cookie", session,
                "X-CSRF-TOKEN", value.group(1)).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/repos", null, "Authorization", "Bearer " + token).statusCode())
                .as("revoked").isEqualTo(401);
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private static String cookie(HttpResponse<String> r, String otherwise) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(otherwise);
    }
}
