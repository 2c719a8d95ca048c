package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.servlet.Pat4jFilter;
import dev.pat4j.store.InMemoryTokenStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The end-to-end harness: Jetty 12 on 127.0.0.1 serving a trivial servlet twice, at
 * {@code /plain/} without pat4j and at {@code /pat/} behind {@link Pat4jFilter} (any valid
 * token), driven by {@link LoadGenerator} in its own JVM. The two configurations alternate,
 * after a warm-up of each, and requests per second are averaged over the rounds.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.EndToEnd SECONDS_PER_ROUND ROUNDS OUT.properties</pre>
 */
public final class EndToEnd {
    private static final int TOKENS = 1000;
    private static final int CONNECTIONS = 4;
    private static final long MAX_REQUESTS_PER_ROUND = 5_000_000;

    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        TokenSet set = TokenSet.generate(TOKENS);
        InMemoryTokenStore store = new InMemoryTokenStore();
        set.insertInto(store);
        Path headers = Files.createTempFile("pat4j-e2e", ".headers");
        try (Pat4j pat4j = BenchmarkDefaults.pat4j(store).build()) {
            Files.write(headers, List.of(set.bearer));
            Server server = start(pat4j);
            try {
                int port = port(server);
                load(port, "/plain/", null, seconds);                    // warm-up, not counted
                load(port, "/pat/", headers, seconds);
                List<Double> plain = new ArrayList<>();
                List<Double> filter = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    plain.add(load(port, "/plain/", null, seconds));
                    filter.add(load(port, "/pat/", headers, seconds));
                }
                double rpsPlain = mean(plain);
                double rpsFilter = mean(filter);
                String result = String.format(Locale.ROOT,
                        "rps_plain=%.0f%nrps_filter=%.0f%ne2e_filter_fraction=%.3f%nconnections=%d%nseconds=%s%n"
                                + "rounds=%d%nmax_requests=%d%n",
                        rpsPlain, rpsFilter, rpsFilter / rpsPlain, CONNECTIONS, args[0], rounds,
                        MAX_REQUESTS_PER_ROUND);
                Files.writeString(out, result);
                System.out.print(result);
            } finally {
                server.stop();
            }
        } finally {
            Files.deleteIfExists(headers);
        }
    }

    /** Jetty on a free loopback port: the servlet at {@code /plain/}, and at {@code /pat/} behind the filter. */
    static Server start(Pat4j pat4j) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setHeaderCacheCaseSensitive(true); // as the servlet adapter's README asks of Jetty users
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler plain = new ServletContextHandler("/plain");
        plain.addServlet(new ServletHolder(new Hello()), "/*");
        ServletContextHandler pat = new ServletContextHandler("/pat");
        pat.addServlet(new ServletHolder(new Hello()), "/*");
        pat.addFilter(new FilterHolder(Pat4jFilter.builder(pat4j).build()), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(new ContextHandlerCollection(plain, pat));
        server.start();
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Runs the generator for one round; returns requests per second. */
    private static double load(int port, String path, Path headers, double seconds) throws IOException, InterruptedException {
        LoadRun run = LoadRun.run(port, path, headers, CONNECTIONS, seconds, MAX_REQUESTS_PER_ROUND, null, 0);
        if (run.errors() > 0 || run.ok() == 0) {
            throw new IllegalStateException(path + ": " + run.errors() + " failed requests of " + (run.ok() + run.errors()));
        }
        return run.okPerSecond();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The trivial endpoint: a fixed two-byte body with a Content-Length. */
    static final class Hello extends HttpServlet {
        private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }
}
