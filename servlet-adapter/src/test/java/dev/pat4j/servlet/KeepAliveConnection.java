package dev.pat4j.servlet;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One raw HTTP/1.1 connection kept open across requests, so that a test controls which requests
 * share it (the JDK's client decides that itself): each {@link #send} writes one request and
 * reads its whole response, and fails if the server closes the connection.
 */
final class KeepAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    KeepAliveConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code method target} with {@code headerLines} and returns the response's status. */
    int send(String method, String target, List<String> headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headerLines.forEach(h -> request.append(h).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        int status = Integer.parseInt(line().split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header; !(header = line()).isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("connection:") && lower.contains("close")) {
                throw new IOException("the server closes the connection after this response");
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).strip());
            }
        }
        if (chunked) {
            for (int size; (size = Integer.parseInt(line().split(";")[0].strip(), 16)) > 0; ) {
                in.readNBytes(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (!method.equals("HEAD")) {
            in.readNBytes((int) length);
        }
        return status;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
