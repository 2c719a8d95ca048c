package dev.pat4j.demo.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.cli.internal.CliFailure;
import dev.pat4j.cli.internal.CliSettings;
import dev.pat4j.cli.internal.DatabaseLocation;
import dev.pat4j.cli.internal.DbOption;
import dev.pat4j.cli.internal.ExitCodes;
import dev.pat4j.cli.internal.PatCommand;
import dev.pat4j.cli.internal.Redaction;
import dev.pat4j.cli.internal.Session;
import dev.pat4j.cli.internal.Usage;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.lifecycle.TokenState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pat demo}: a web application with both adapters, a fresh demo token and curl lines to try. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts a demo web application on 127.0.0.1 (Jetty) with both pat4j adapters: the servlet"
            + " filter under /api and the JAX-RS feature (Jersey) under /rest, each with GET whoami (any token),"
            + " GET repos (code:read) and POST repos (code:write).",
            "Creates a code:read token for user 'demo' and prints it with ready-to-paste curl commands. Use the"
                + " other commands on the same database meanwhile. Ctrl-C stops it.",
            "Notices to token owners (created, expiring, revoked by an administrator, leaked) are printed as they"
                + " are delivered, one 'notice:' line each, including those of tokens made by other processes."},
        footer = {"", "Example: pat demo --port 8080"})
public final class DemoCommand implements Callable<Integer> {
    static final String DEMO_OWNER = "demo";
    static final String DEMO_TOKEN_NAME = "pat demo";
    static final String DEMO_ACTOR = "pat-demo";
    /** The demo's second user and its administrator, for the token page. */
    static final String SECOND_USER = "alice";
    static final String ADMINISTRATOR = "admin";
    /** Where the demo keeps its Git repository, beside the default database. */
    static final String GIT_ROOT = "pat-data/git";
    /** How often the demo delivers notices: soon enough to watch those of a 'pat create' in another terminal. */
    static final Duration NOTICE_DELIVERY_INTERVAL = Duration.ofSeconds(2);

    @ParentCommand
    PatCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Mixin
    DbOption db;

    @Option(names = "--smtp", paramLabel = "HOST:PORT",
            description = "Also send each notice's mail to this SMTP server (plain SMTP, such as a local GreenMail).")
    String smtp;

    private final DemoMail mail;

    public DemoCommand(DemoMail mail) {
        this.mail = mail;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535");
        }
        if (smtp != null) {
            try {
                mail.sendTo(smtp);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        // the same settings path as every pat command: the application's file, else pat4j's defaults
        CliSettings settings = db.settings(spec, parent.config(), parent.context());
        for (String scope : new String[] {"code:read", "code:write"}) {
            if (!settings.settings().scopes().isDeclared(scope)) {
                throw new CliFailure("the demo's endpoints need scope " + scope + ", which the settings do not declare"
                        + " (pat4j.scope." + scope + ".label, or pat4j.scopes.preset=azure-devops)");
            }
        }
        DatabaseLocation location = Usage.check(spec, () -> db.location(parent.context(), settings));
        // last-used times every five seconds, so 'pat list' shows the demo's requests soon
        Session session = Session.open(parent.context(), settings, location, true,
                b -> b.lastUsedInterval(Duration.ofSeconds(5)));
        DemoServer server;
        try {
            server = startServer(session.pat4j(), parent.context().workingDirectory().resolve(GIT_ROOT));
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        ScheduledExecutorService noticeThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pat-demo-notices");
            t.setDaemon(true);
            return t;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, noticeThread, session),
                "pat-demo-shutdown"));
        Pat4j pat4j = session.pat4j();
        int retired = retireEarlierDemoTokens(pat4j);
        IssuedToken issued = pat4j.tokens().create(NewToken.builder(DEMO_OWNER, DEMO_TOKEN_NAME)
                .organization(DemoServer.ORGANIZATION).lifespan(Duration.ofDays(7)).scopes("code:read").build(),
                Actor.administrator(DEMO_ACTOR));
        DemoBanner.print(spec.commandLine().getOut(), server.port(), location, parent.context(), issued, retired,
                users);
        // the outbox on the console: this run's notices at once, then those of other processes (pat create)
        pat4j.notices().start(noticeThread, settings.settings().notifications().interval(), NOTICE_DELIVERY_INTERVAL);
        server.join();
        return ExitCodes.OK;
    }

    /**
     * Who may sign in to the token page and the management API: the demo token's owner, a
     * second user (to see that one user never sees another's tokens) and an administrator.
     * Passwords are new on every run and printed on the banner.
     */
    private final List<DemoServer.User> users = List.of(new DemoServer.User(DEMO_OWNER, randomPassword(), false),
            new DemoServer.User(SECOND_USER, randomPassword(), false),
            new DemoServer.User(ADMINISTRATOR, randomPassword(), true));

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x')
                .replace('_', 'y'); // letters and digits only: the banner's curl line needs no quoting
    }

    private DemoServer startServer(Pat4j pat4j, Path gitRoot) {
        try {
            return DemoServer.start(pat4j, port, gitRoot, users);
        } catch (IOException e) {
            throw new CliFailure("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); choose another port with --port");
        } catch (Exception e) {
            throw new CliFailure("the demo server did not start", e);
        }
    }

    /**
     * A demo token's secret was shown once, by the run that created it, so a restart makes a new
     * one; the earlier ones are revoked so they do not pile up against the active-token limit.
     */
    private static int retireEarlierDemoTokens(Pat4j pat4j) {
        int retired = 0;
        for (TokenInfo t : pat4j.tokens().listByOwner(DEMO_OWNER)) {
            if (t.state() == TokenState.ACTIVE && DEMO_TOKEN_NAME.equals(t.name()) && DEMO_ACTOR.equals(t.createdBy())) {
                pat4j.tokens().revoke(t.id(), Actor.administrator(DEMO_ACTOR));
                retired++;
            }
        }
        return retired;
    }

    private void stop(DemoServer server, ScheduledExecutorService noticeThread, Session session) {
        PrintWriter err = spec.commandLine().getErr();
        boolean clean = true;
        try {
            server.close();
        } catch (Exception e) {
            clean = false;
            err.println("pat demo: stopping the server: " + Redaction.oneLine(e.getMessage()));
        } finally {
            noticeThread.shutdownNow(); // a delivery cut short is retaken by the next run once its lease ends
            session.close();
        }
        err.println(clean ? "pat demo: stopped" : "pat demo: stopped, with errors");
        err.flush();
    }
}
