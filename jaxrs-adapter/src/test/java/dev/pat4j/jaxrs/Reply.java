package dev.pat4j.jaxrs;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a client saw: status, headers (names in lower case) and body. */
record Reply(int status, Map<String, List<String>> headers, String body) {

    List<String> all(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return status + " " + headers + " body=" + body;
    }
}
