package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.web.Pat4jWeb;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Requests per second through a real nginx (Debian's package, started here as the current user
 * with its pid file, logs and temp paths in a temporary folder, on a free loopback port): at
 * {@code /direct/} nginx proxies straight to the upstream, at {@code /app/} it first asks
 * pat4j's forward-auth endpoint ({@code Pat4jWeb.forwardAuth}, on the same Jetty as the upstream)
 * with {@code auth_request}, as web/README.md's configuration does. Both upstreams are reached
 * over keep-alive connections, as a tuned deployment would. {@link LoadGenerator} sends every
 * request with a valid token (its cache warm), alternating the two paths by round after a warm-up
 * of each.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.ReverseProxy SECONDS_PER_ROUND ROUNDS OUT.properties</pre>
 * Without nginx it writes {@code proxy_not_run=...} (what to install) and exits normally.
 */
public final class ReverseProxy {
    private static final int TOKENS = 1000;
    private static final int CONNECTIONS = 4;
    private static final long MAX_REQUESTS_PER_ROUND = 5_000_000;
    static final String NOT_RUN = "nginx is not installed: apt-get install nginx";

    private ReverseProxy() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Optional<Path> nginx = findNginx(System.getenv("PATH"));
        if (nginx.isEmpty()) {
            Files.writeString(out, "proxy_not_run=" + NOT_RUN + "\n");
            System.out.println(NOT_RUN);
            return;
        }
        TokenSet set = TokenSet.generate(TOKENS);
        InMemoryTokenStore store = new InMemoryTokenStore();
        set.insertInto(store);
        Path dir = Files.createTempDirectory("pat4j-nginx");
        Path headers = dir.resolve("headers");
        try (Pat4j pat4j = BenchmarkDefaults.pat4j(store).build()) {
            Files.write(headers, List.of(set.bearer));
            Server jetty = jetty(pat4j);
            Process proxy = null;
            try {
                int upstream = EndToEnd.port(jetty);
                int port = freePort();
                proxy = startNginx(nginx.get(), dir, port, upstream);
                load(port, "/direct/", headers, seconds);                    // warm-up, not counted
                load(port, "/app/", headers, seconds);
                double direct = 0;
                double auth = 0;
                for (int r = 0; r < rounds; r++) {
                    direct += load(port, "/direct/", headers, seconds);
                    auth += load(port, "/app/", headers, seconds);
                }
                String result = String.format(Locale.ROOT, "proxy_rps_direct=%.0f%nproxy_rps_auth_request=%.0f%n"
                                + "proxy_auth_fraction=%.3f%nproxy_connections=%d%nproxy_seconds=%s%nproxy_rounds=%d%n",
                        direct / rounds, auth / rounds, auth / direct, CONNECTIONS, seconds, rounds);
                Files.writeString(out, result);
                System.out.print(result);
            } finally {
                if (proxy != null) {
                    stop(proxy);
                }
                jetty.stop();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** {@code /usr/sbin/nginx}, else the first {@code nginx} on {@code path}. */
    static Optional<Path> findNginx(String path) {
        List<Path> places = new ArrayList<>(List.of(Path.of("/usr/sbin/nginx")));
        for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                places.add(Path.of(d, "nginx"));
            }
        }
        return places.stream().filter(Files::isExecutable).findFirst();
    }

    /** The configuration: one process, every path in {@code dir}, the two locations and the auth subrequest. */
    static String config(Path dir, int port, int upstream) {
        String p = dir.toAbsolutePath().toString();
        return String.join("\n",
                "daemon off;",
                "master_process off;", // one process as the current user: nothing handed to 'nobody'
                "pid " + p + "/nginx.pid;",
                "error_log " + p + "/error.log warn;",
                "events { worker_connections 256; }",
                "http {",
                "    access_log off;",
                // the generator keeps its connections for the whole round (nginx closes one after 1 000 by default)
                "    keepalive_requests 100000000;",
                "    client_body_temp_path " + p + "/client_body_temp;",
                "    proxy_temp_path " + p + "/proxy_temp;",
                "    fastcgi_temp_path " + p + "/fastcgi_temp;",
                "    uwsgi_temp_path " + p + "/uwsgi_temp;",
                "    scgi_temp_path " + p + "/scgi_temp;",
                "    upstream service { server 127.0.0.1:" + upstream + "; keepalive 16; keepalive_requests 100000000; }",
                "    upstream pat4j { server 127.0.0.1:" + upstream + "; keepalive 16; keepalive_requests 100000000; }",
                "    proxy_http_version 1.1;",
                "    proxy_set_header Connection \"\";",
                "    server {",
                "        listen 127.0.0.1:" + port + ";",
                "        server_name localhost;",
                "        location = /_pat4j_auth {",
                "            internal;",
                "            proxy_pass http://pat4j/auth;",
                "            proxy_pass_request_body off;",
                "            proxy_set_header Content-Length \"\";",
                "            proxy_set_header Connection \"\";",
                "            proxy_set_header X-Forwarded-Method $request_method;",
                "            proxy_set_header X-Forwarded-Uri $request_uri;",
                "            proxy_set_header X-Original-URI \"\";",
                "        }",
                "        location /app/ {",
                "            auth_request /_pat4j_auth;",
                "            auth_request_set $pat4j_owner $upstream_http_x_pat4j_owner;",
                "            proxy_pass http://service;",
                // a location's proxy_set_header replaces the inherited ones: Connection "" again, for keep-alive
                "            proxy_set_header Connection \"\";",
                "            proxy_set_header X-Pat4j-Owner $pat4j_owner;",
                "            proxy_set_header Authorization \"\";",
                "        }",
                "        location /direct/ {",
                "            proxy_pass http://service;",
                "        }",
                "    }",
                "}",
                "");
    }

    private static Process startNginx(Path nginx, Path dir, int port, int upstream) throws Exception {
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, upstream));
        String p = dir.toAbsolutePath() + "/";
        Process process = new ProcessBuilder(nginx.toString(), "-p", p, "-e", p + "error.log", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("nginx.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return process;
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        stop(process);
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Jetty on a free loopback port: the forward-auth endpoint at {@code /auth}, the trivial upstream everywhere else. */
    private static Server jetty(Pat4j pat4j) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler root = new ServletContextHandler("/");
        root.addServlet(new ServletHolder(Pat4jWeb.forwardAuth(pat4j).build()), "/auth");
        root.addServlet(new ServletHolder(new EndToEnd.Hello()), "/*");
        server.setHandler(root);
        server.start();
        return server;
    }

    private static double load(int port, String path, Path headers, double seconds) throws Exception {
        LoadRun run = LoadRun.run(port, path, headers, CONNECTIONS, seconds, MAX_REQUESTS_PER_ROUND, null, 0);
        if (run.errors() > 0 || run.ok() == 0) {
            throw new IllegalStateException(path + ": " + run.errors() + " failed requests of " + (run.ok() + run.errors()));
        }
        return run.okPerSecond();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path f : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
