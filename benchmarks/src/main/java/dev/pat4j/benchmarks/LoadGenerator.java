package dev.pat4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end-to-end load generator, run in its own JVM by {@link EndToEnd} and the other HTTP
 * harnesses: {@code connections} threads, each on one keep-alive HTTP/1.1 connection to
 * 127.0.0.1, send GET requests until the time limit or the request bound, and count 200
 * responses. Connection {@code i} sends the {@code i}-th {@code Authorization} header of a file
 * (or none) on every request, as a client holding one token does (Jetty caches a connection's
 * repeated header values). A raw socket client rather than {@code java.net.http}: on a
 * two-core machine the generator shares the CPU with the server, and the lighter it is, the more
 * the numbers say about the server.
 *
 * <p>Optionally a second file of headers ("other" requests: forged tokens, tokens never seen):
 * then every {@code every}-th request of each connection sends the next header of that file
 * instead (one cursor shared by the connections, wrapping at the end), and those requests are
 * counted apart, by status. Each request's latency (write to last byte read) is recorded, main
 * and other apart.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.LoadGenerator PORT PATH HEADERS|- CONNECTIONS SECONDS MAX_REQUESTS [OTHER_HEADERS EVERY]</pre>
 * Prints one line: {@code requests=N errors=E seconds=S} (main requests answered 200, main
 * requests that were not, elapsed time), then {@code other=M other_wrapped=B other_STATUS=K...}
 * and {@code main_p50_us=... main_p99_us=... other_p50_us=... other_p99_us=...}.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /** Which requests of a connection send an other header: every {@code every}-th (none when 0). */
    record Mix(List<String> other, int every) {
        static final Mix NONE = new Mix(List.of(), 0);

        boolean isOther(long requestIndex) {
            return every > 0 && requestIndex % every == every - 1;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        List<String> headers = args[2].equals("-") ? List.of() : Files.readAllLines(Path.of(args[2]));
        int connections = Integer.parseInt(args[3]);
        long nanos = (long) (Double.parseDouble(args[4]) * 1e9);
        long maxRequests = Long.parseLong(args[5]);
        Mix mix = args.length > 7 ? new Mix(Files.readAllLines(Path.of(args[6])), Integer.parseInt(args[7])) : Mix.NONE;
        AtomicLong budget = new AtomicLong(maxRequests);
        AtomicInteger otherCursor = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + nanos;
        Worker[] workers = new Worker[connections];
        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            String header = headers.isEmpty() ? null : headers.get(t % headers.size());
            workers[t] = new Worker(port, path, header, mix, otherCursor);
            Worker w = workers[t];
            threads[t] = new Thread(() -> w.run(deadline, budget), "load-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(summary(workers, seconds, mix, otherCursor.get()));
    }

    static String summary(Worker[] workers, double seconds, Mix mix, int othersTaken) {
        long ok = 0;
        long errors = 0;
        long other = 0;
        TreeMap<Integer, Long> otherStatuses = new TreeMap<>();
        Samples[] main = new Samples[workers.length];
        Samples[] others = new Samples[workers.length];
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[i];
            ok += w.ok;
            errors += w.errors;
            w.otherStatuses.forEach((status, n) -> otherStatuses.merge(status, n, Long::sum));
            other += w.otherStatuses.values().stream().mapToLong(Long::longValue).sum();
            main[i] = w.mainLatency;
            others[i] = w.otherLatency;
        }
        Samples mainAll = Samples.merge(main);
        Samples otherAll = Samples.merge(others);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "requests=%d errors=%d seconds=%.3f other=%d"
                + " other_wrapped=%b", ok, errors, seconds, other, othersTaken > mix.other().size()));
        otherStatuses.forEach((status, n) -> line.append(" other_").append(status < 0 ? "failed" : status)
                .append('=').append(n));
        line.append(String.format(Locale.ROOT, " main_p50_us=%.1f main_p99_us=%.1f other_p50_us=%.1f other_p99_us=%.1f",
                mainAll.percentile(0.50) / 1e3, mainAll.percentile(0.99) / 1e3, otherAll.percentile(0.50) / 1e3,
                otherAll.percentile(0.99) / 1e3));
        return line.toString();
    }

    /** One connection's loop and its counts; read by the main thread after it ended. */
    static final class Worker {
        private final int port;
        private final String path;
        private final byte[] mainRequest;
        private final Mix mix;
        private final AtomicInteger otherCursor;
        final Samples mainLatency = new Samples();
        final Samples otherLatency = new Samples();
        final TreeMap<Integer, Long> otherStatuses = new TreeMap<>(); // -1: no answer
        long ok;
        long errors;

        Worker(int port, String path, String header, Mix mix, AtomicInteger otherCursor) {
            this.port = port;
            this.path = path;
            this.mainRequest = request(path, header);
            this.mix = mix;
            this.otherCursor = otherCursor;
        }

        void run(long deadline, AtomicLong budget) {
            byte[] buffer = new byte[8192];
            long n = 0;
            boolean other = false;
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                    other = mix.isOther(n++);
                    byte[] request = other ? otherRequest() : mainRequest;
                    long sent = System.nanoTime();
                    out.write(request);
                    int status = readResponse(in, buffer);
                    long took = System.nanoTime() - sent;
                    if (other) {
                        otherLatency.add(took);
                        otherStatuses.merge(status, 1L, Long::sum);
                    } else {
                        mainLatency.add(took);
                        if (status == 200) {
                            ok++;
                        } else {
                            errors++;
                        }
                    }
                }
            } catch (IOException e) {
                if (other) {
                    otherStatuses.merge(-1, 1L, Long::sum);
                } else {
                    errors++;
                }
            }
        }

        private byte[] otherRequest() {
            List<String> headers = mix.other();
            return request(path, headers.get(Math.floorMod(otherCursor.getAndIncrement(), headers.size())));
        }
    }

    static byte[] request(String path, String header) {
        String auth = header == null ? "" : "Authorization: " + header + "\r\n";
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response with a Content-Length body; returns its status. */
    static int readResponse(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                throw new IOException("connection closed");
            }
            n += r;
            headerEnd = indexOfBlankLine(buffer, n);
            if (headerEnd < 0 && n == buffer.length) {
                throw new IOException("response head too large");
            }
        }
        String head = new String(buffer, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = contentLength(head);
        int body = n - (headerEnd + 4);
        while (body < length) {
            int r = in.read(buffer, 0, Math.min(buffer.length, length - body));
            if (r < 0) {
                throw new IOException("connection closed");
            }
            body += r;
        }
        return status;
    }

    private static int indexOfBlankLine(byte[] b, int n) {
        for (int i = 3; i < n; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new IllegalStateException("no Content-Length: the harnesses' servers always send one");
    }
}
