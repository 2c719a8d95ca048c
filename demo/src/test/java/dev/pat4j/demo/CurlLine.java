package dev.pat4j.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads one printed {@code curl} command (the options the demo prints: -u, -H, -d, -i) into the
 * request it would send, so a test can prove the printed lines work as printed.
 */
record CurlLine(HttpRequest request, Integer expectedStatus) {

    static CurlLine parse(String line) {
        String command = line.strip();
        Integer expected = null;
        int comment = command.indexOf(" # ");
        if (comment >= 0) {
            String note = command.substring(comment + 3).strip();
            expected = Integer.valueOf(note.substring(0, 3));
            command = command.substring(0, comment).strip();
        }
        List<String> words = words(command);
        if (!words.get(0).equals("curl")) {
            throw new IllegalArgumentException("not a curl line: " + line);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder();
        String body = null;
        String url = null;
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-u" -> b.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(words.get(++i).getBytes(StandardCharsets.UTF_8)));
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    b.header(header[0], header[1]);
                }
                case "-d" -> body = words.get(++i);
                case "-i" -> { }
                default -> {
                    if (words.get(i).startsWith("-")) {
                        throw new IllegalArgumentException("unexpected curl option " + words.get(i));
                    }
                    url = words.get(i);
                }
            }
        }
        b.uri(URI.create(url));
        if (body != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.GET();
        }
        return new CurlLine(b.build(), expected);
    }

    /** Splits on spaces, keeping single-quoted words whole (as a POSIX shell would for these lines). */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : command.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }
}
