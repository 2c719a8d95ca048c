package dev.pat4j.demo.internal;

import dev.pat4j.cli.internal.CliFailure;
import dev.pat4j.cli.internal.CliSettings;
import dev.pat4j.cli.internal.DatabaseLocation;
import dev.pat4j.cli.internal.DbOption;
import dev.pat4j.cli.internal.ExitCodes;
import dev.pat4j.cli.internal.PatCommand;
import dev.pat4j.cli.internal.Redaction;
import dev.pat4j.cli.internal.Session;
import dev.pat4j.cli.internal.Usage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pat serve-auth}: the forward-authentication endpoint alone, for deployments that have
 * no JVM application, on the settings' store. Run from the demo/server jar, so the CLI's jar
 * holds no web server.
 */
@Command(name = "serve-auth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves pat4j's forward-authentication endpoint at http://HOST:PORT" + ForwardAuthServer.PATH
            + " for a reverse proxy (nginx auth_request, Traefik forwardAuth, Caddy forward_auth): 200 with"
            + " X-Pat4j-Owner, X-Pat4j-Token-Id and X-Pat4j-Scopes for a valid token, 401 with challenges, 403 when"
            + " a scope the proxy requires (X-Pat4j-Required-Scope) is missing, 503 with Retry-After when the store"
            + " is down. The organization comes from the settings (pat4j.organizations.source). Ctrl-C stops it."},
        footer = {"", "Example: pat serve-auth --port 9091 --config acme.properties",
            "Proxy configurations: web/README.md, \"Forward authentication\"."})
public final class ServeAuthCommand implements Callable<Integer> {
    @ParentCommand
    PatCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", required = true,
            description = "The port (0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, where a proxy on the same machine"
                + " reaches it).")
    String host;

    @Mixin
    DbOption db;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535");
        }
        CliSettings settings = db.settings(spec, parent.config(), parent.context());
        DatabaseLocation location = Usage.check(spec, () -> db.location(parent.context(), settings));
        Session session = Session.open(parent.context(), settings, location, false, b -> { });
        ForwardAuthServer server;
        try {
            server = ForwardAuthServer.start(session.pat4j(), settings.settings().organizations(), host, port);
        } catch (IOException e) {
            session.close();
            throw new CliFailure("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another port with --port");
        } catch (Exception e) {
            session.close();
            throw new CliFailure("the forward-auth server did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, session), "pat-serve-auth-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("pat serve-auth: answering on http://" + host + ":" + server.port() + ForwardAuthServer.PATH);
        out.println("  database: " + location.displayUrl());
        out.println("  organization: " + settings.settings().organizations().source());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        server.join();
        return ExitCodes.OK;
    }

    private void stop(ForwardAuthServer server, Session session) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            server.close();
        } catch (Exception e) {
            err.println("pat serve-auth: stopping the server: " + Redaction.oneLine(e.getMessage()));
        } finally {
            session.close();
        }
        err.flush();
    }
}
