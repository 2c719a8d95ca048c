package dev.pat4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.demo.internal.DemoServer;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's Jetty over real HTTP (issue 15): its header cache is case-sensitive, so an upper-
 * or lower-cased token sent after the valid one on the same keep-alive connection is refused
 * rather than handed back as the cached original; TRACE (and TRACK), which would echo the
 * {@code Authorization} header, are refused on every path; authenticated responses carry
 * {@code Cache-Control: no-store}.
 */
class DemoJettyHardeningTest {
    private static final List<String> PATHS = List.of("/", "/api/whoami", "/api/repos", "/rest/whoami", "/rest/repos",
            DemoServer.FORWARD_AUTH_PATH, DemoServer.GIT_PATH + "/demo.git/info/refs", "/nowhere");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;

    private Pat4j pat4j;
    private DemoServer server;
    private String token;

    @BeforeEach
    void startTheDemoServer() throws Exception {
        pat4j = Pat4j.builder().settings(Pat4jSettings.defaults()).store(new InMemoryTokenStore()).build();
        token = pat4j.tokens().create(NewToken.builder("demo", "hardening").organization(DemoServer.ORGANIZATION)
                .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.administrator("test")).token();
        server = DemoServer.start(pat4j, 0, dir.resolve("git"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        pat4j.close();
    }

    @Test
    void aCaseVariantOfAValidTokenOnTheSameConnectionIsRefused() throws Exception {
        for (String path : List.of("/api/whoami", "/rest/whoami")) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                assertThat(exchange(in, out, path, "Bearer " + token).status()).as(path).isEqualTo(200);
                assertThat(exchange(in, out, path, "Bearer " + token.toUpperCase(Locale.ROOT)).status())
                        .as(path + ", upper case, same connection").isEqualTo(401);
                assertThat(exchange(in, out, path, "Bearer " + token.toLowerCase(Locale.ROOT)).status())
                        .as(path + ", lower case, same connection").isEqualTo(401);
                // still the same connection, and the original still good
                assertThat(exchange(in, out, path, "Bearer " + token).status()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void traceAndTrackAreRefusedOnEveryPath() throws Exception {
        for (String method : List.of("TRACE", "TRACK")) {
            for (String path : PATHS) {
                for (String authorization : new String[] {null, Fixtures.bearer(token)}) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                            .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
                    if (authorization != null) {
                        b.header("Authorization", authorization);
                    }
                    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    String what = method + " " + path + (authorization == null ? "" : " with a token");
                    assertThat(response.statusCode()).as(what).isEqualTo(405);
                    assertThat(response.body()).as(what).doesNotContain(token).doesNotContainIgnoringCase("authorization");
                }
            }
        }
    }

    @Test
    void authenticatedResponsesAreNotToBeStored() throws Exception {
        for (String path : List.of("/api/whoami", "/api/repos", "/rest/whoami", "/rest/repos")) {
            HttpResponse<String> response = get(path, Fixtures.bearer(token), Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().allValues("Cache-Control")).as(path).containsExactly("no-store");
        }
        HttpResponse<String> forwardAuth = get(DemoServer.FORWARD_AUTH_PATH, Fixtures.bearer(token),
                Map.of("X-Forwarded-Method", "GET", "X-Forwarded-Uri", "/repos"));
        assertThat(forwardAuth.statusCode()).isEqualTo(200);
        assertThat(forwardAuth.headers().allValues("Cache-Control")).containsExactly("no-store");
        HttpResponse<String> refused = get("/api/whoami", null, Map.of());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().allValues("Cache-Control")).containsExactly("no-store");
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String path, String authorization, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One response read off a raw connection. */
    private record RawResponse(int status, Map<String, String> headers) {
    }

    /** Sends one GET on the open connection and reads its whole response, leaving the connection open. */
    private static RawResponse exchange(InputStream in, OutputStream out, String path, String authorization)
            throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header; !(header = line(in)).isEmpty(); ) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        assertThat(headers).as("a connection that stays open").doesNotContainEntry("connection", "close");
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) > 0; ) {
                in.readNBytes(size);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else {
            in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
