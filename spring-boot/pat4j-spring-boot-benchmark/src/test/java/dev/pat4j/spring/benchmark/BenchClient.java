package dev.pat4j.spring.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the tests share: GET the endpoint over HTTP with the JDK client, and the files the application writes. */
final class BenchClient {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private BenchClient() {
    }

    /** Points {@code bench.ready-file} and {@code bench.headers-file} into {@code dir}. */
    static void registerFiles(DynamicPropertyRegistry registry, Path dir) {
        registry.add("bench.ready-file", () -> dir.resolve("ready").toString());
        registry.add("bench.headers-file", () -> dir.resolve("headers").toString());
    }

    static int readyPort(Path dir) throws IOException {
        return Integer.parseInt(Files.readString(dir.resolve("ready")).strip());
    }

    static List<String> headers(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("headers"));
    }

    static HttpResponse<String> get(int port, @Nullable String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HelloEndpoint.PATH));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
