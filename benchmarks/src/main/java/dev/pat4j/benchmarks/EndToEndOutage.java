package dev.pat4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.servlet.Pat4jFilter;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The end-to-end outage scenario: Jetty 12 with {@link Pat4jFilter} in front of a trivial servlet,
 * pat4j on a {@link JdbcTokenStore} whose database is an H2 TCP server, with pat4j's defaults
 * (500 ms statement deadline, breaker of 5 failures and 5 s). HTTP clients send a mix of
 * requests: nine in ten with tokens verified before the run (cached), one in ten with a token
 * never seen (uncached). Mid-run the database server stops; later it starts again. Printed per
 * phase: how many requests got 200 and 503 (and anything else), cached and uncached apart, and
 * the recovery time: from the database's return to the first uncached token let in.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.EndToEndOutage [SECONDS_PER_PHASE [CLIENTS]]</pre>
 */
public final class EndToEndOutage {
    private static final int CACHED = 200;
    private static final int UNCACHED = 5_000;

    private EndToEndOutage() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = Files.createTempDirectory("pat4j-outage");
        String base = dir.toString();
        org.h2.tools.Server db = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", base)
                .start();
        int dbPort = db.getPort();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:tcp://127.0.0.1:" + dbPort + "/outage;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(500); // pat4j's default for the pools it builds (pat4j.store.connection-timeout)
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcTokenStore store = JdbcTokenStore.builder(pool).build();
            store.migrate();
            try (Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog())
                    .policy(TokenPolicy.builder().maxActiveTokensPerOwner(1_000_000).build()).build()) {
                List<String> cached = issue(pat4j, CACHED);
                List<String> uncached = issue(pat4j, UNCACHED);
                for (String header : cached) {
                    if (!pat4j.validator().check(header).authenticated()) {
                        throw new IllegalStateException("a cached token did not validate");
                    }
                }
                Server jetty = jetty(pat4j);
                try {
                    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
                    Driver driver = new Driver(URI.create("http://127.0.0.1:" + port + "/pat/"), cached, uncached,
                            clients);
                    driver.start();
                    long phase = (long) (seconds * 1000);
                    driver.phase("before the outage", phase);
                    db.stop();
                    driver.phase("database down", phase);
                    db = org.h2.tools.Server.createTcpServer("-tcpPort", Integer.toString(dbPort), "-ifNotExists",
                            "-baseDir", base).start();
                    long back = System.nanoTime();
                    driver.recoveryFrom(back);
                    driver.phase("database back", phase);
                    driver.stop();
                    long recovered = driver.firstUncachedOkAfter.get();
                    System.out.print(driver.report());
                    System.out.printf(Locale.ROOT, "recovery_ms=%s%n",
                            recovered == 0 ? "none" : String.format(Locale.ROOT, "%.0f", (recovered - back) / 1e6));
                } finally {
                    jetty.stop();
                }
            } finally {
                store.close();
            }
        } finally {
            db.stop();
        }
    }

    private static List<String> issue(Pat4j pat4j, int n) {
        List<String> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            IssuedToken t = pat4j.tokens().create(NewToken.builder("owner" + (i % 100), "outage " + i)
                    .allOrganizations().lifespan(Duration.ofDays(1)).scopes("code:read").build(),
                    Actor.administrator("bench"));
            headers.add("Bearer " + t.token());
        }
        return headers;
    }

    private static Server jetty(Pat4j pat4j) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler pat = new ServletContextHandler("/pat");
        pat.addServlet(new ServletHolder(new Hello()), "/*");
        pat.addFilter(new FilterHolder(Pat4jFilter.builder(pat4j).build()), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(pat);
        server.start();
        return server;
    }

    /** The clients and their counts per phase. */
    private static final class Driver {
        private final URI uri;
        private final List<String> cached;
        private final List<String> uncached;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger nextUncached = new AtomicInteger();
        private final AtomicReference<Counts> counts = new AtomicReference<>(new Counts("warm-up"));
        private final List<Counts> phases = new ArrayList<>();
        private final AtomicLong recoveryFrom = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong firstUncachedOkAfter = new AtomicLong();
        private volatile boolean running = true;

        Driver(URI uri, List<String> cached, List<String> uncached, int clients) {
            this.uri = uri;
            this.cached = cached;
            this.uncached = uncached;
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.add(new Thread(() -> run(client), "outage-client-" + c));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void phase(String name, long millis) throws InterruptedException {
            Counts c = new Counts(name);
            counts.set(c);
            Thread.sleep(millis); // the phase's length: what the clients do meanwhile is what is measured
            phases.add(c);
        }

        void recoveryFrom(long nanos) {
            recoveryFrom.set(nanos);
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        private void run(int client) {
            long n = 0;
            while (running) {
                boolean fresh = n++ % 10 == 0;
                String header;
                if (fresh) {
                    int i = nextUncached.getAndIncrement();
                    if (i >= uncached.size()) {
                        continue;
                    }
                    header = uncached.get(i);
                } else {
                    header = cached.get((int) ((n * 31 + client) % cached.size()));
                }
                Counts c = counts.get();
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(uri).header("Authorization", header)
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                c.add(fresh, status);
                if (fresh && status == 200 && System.nanoTime() > recoveryFrom.get()) {
                    firstUncachedOkAfter.compareAndSet(0, System.nanoTime());
                }
            }
        }

        String report() {
            StringBuilder out = new StringBuilder();
            for (Counts c : phases) {
                out.append(c);
            }
            return out.toString();
        }
    }

    /** Status counts of one phase. */
    private static final class Counts {
        private final String name;
        private final LongAdder[] cachedCounts = {new LongAdder(), new LongAdder(), new LongAdder()};
        private final LongAdder[] uncachedCounts = {new LongAdder(), new LongAdder(), new LongAdder()};

        Counts(String name) {
            this.name = name;
        }

        void add(boolean fresh, int status) {
            LongAdder[] row = fresh ? uncachedCounts : cachedCounts;
            row[status == 200 ? 0 : status == 503 ? 1 : 2].increment();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-18s cached: 200=%d 503=%d other=%d | uncached: 200=%d 503=%d other=%d%n",
                    name + ":", cachedCounts[0].sum(), cachedCounts[1].sum(), cachedCounts[2].sum(),
                    uncachedCounts[0].sum(), uncachedCounts[1].sum(), uncachedCounts[2].sum());
        }
    }

    /** The trivial endpoint. */
    private static final class Hello extends HttpServlet {
        private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }
}
