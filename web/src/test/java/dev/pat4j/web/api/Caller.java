package dev.pat4j.web.api;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user's browser-like client of the API over {@link HttpClient}: its own cookie jar (the
 * container's session), Basic credentials sent with every request (as a browser does once it has
 * them), the page's origin, and the CSRF token once fetched. Every response is recorded, so a
 * test can check that none carries a stack trace or a secret.
 */
final class Caller {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String origin;
    private final HttpClient client;
    private final String authorization;
    private final List<HttpResponse<String>> seen;
    private String csrf;

    Caller(int port, String user, String password, List<HttpResponse<String>> seen) {
        this(port, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), seen);
    }

    /** @param authorization the Authorization header of every request, or null for none */
    Caller(int port, String authorization, List<HttpResponse<String>> seen) {
        this.base = "http://127.0.0.1:" + port;
        this.origin = base;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        this.authorization = authorization;
        this.seen = seen;
    }

    String origin() {
        return origin;
    }

    /** Fetches the session's CSRF token (starting the session); later calls send it. */
    Caller withCsrf() {
        HttpResponse<String> r = send(request("GET", ApiServer.MANAGE + "/csrf", null));
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /csrf answered " + r.statusCode() + ": " + r.body());
        }
        csrf = json(r).get("token").asString();
        return this;
    }

    String csrfToken() {
        return csrf;
    }

    HttpResponse<String> get(String path) {
        return send(request("GET", path, null));
    }

    HttpResponse<String> post(String path, String body) {
        return send(request("POST", path, body));
    }

    HttpResponse<String> patch(String path, String body) {
        return send(request("PATCH", path, body));
    }

    HttpResponse<String> delete(String path) {
        return send(request("DELETE", path, null));
    }

    /**
     * A request as the API's own page would make it: credentials, same-origin {@code Origin} and
     * {@code Sec-Fetch-Site}, the CSRF token once fetched, JSON when there is a body.
     */
    HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder b = bare(method, path, body);
        b.header("Origin", origin).header("Sec-Fetch-Site", "same-origin");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b;
    }

    /** Only the credentials: the caller adds the rest. */
    HttpRequest.Builder bare(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = sendOnce(request.build());
            synchronized (seen) {
                seen.add(r);
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends once more when the JDK client wrote the request on a pooled connection the server had
     * already closed (after an answer that left a request body unread, such as a 405): the server
     * never read that request, so sending it again is the same request, not a repeat.
     */
    private HttpResponse<String> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("header parser received no bytes")) {
                throw e;
            }
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
