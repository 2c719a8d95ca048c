package dev.pat4j.servlet;

import dev.pat4j.testkit.http.RawHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The testkit's raw HTTP client, aimed at one server and context path, with X-Org: acme by default. */
final class HttpProbe {
    private final URI server;
    private final String contextPath;

    HttpProbe(int port, String contextPath) {
        this.server = URI.create("http://127.0.0.1:" + port);
        this.contextPath = contextPath;
    }

    /** {@code method} on {@code path} (below the context path) with these Authorization values and X-Org: acme. */
    RawHttp.Reply send(String method, String path, List<String> authorization) {
        return send(method, path, authorization, Map.of("X-Org", List.of(TestWorld.ORG)));
    }

    RawHttp.Reply send(String method, String path, List<String> authorization, Map<String, List<String>> headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(v -> lines.add(name + ": " + v)));
        authorization.forEach(v -> lines.add("Authorization: " + v));
        return RawHttp.send(server, method, contextPath + path, lines);
    }
}
