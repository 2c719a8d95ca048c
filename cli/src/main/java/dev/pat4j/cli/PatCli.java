package dev.pat4j.cli;

import dev.pat4j.cli.internal.CliContext;
import dev.pat4j.cli.internal.ErrorHandlers;
import dev.pat4j.cli.internal.ExitCodes;
import dev.pat4j.cli.internal.JdbcDatabases;
import dev.pat4j.cli.internal.PatCommand;
import dev.pat4j.cli.internal.ScopeHelp;
import dev.pat4j.notice.NotificationSender;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code pat} command: token administration on the application's database and a leak
 * scanner. {@link #main} runs it as a process; {@link #commandLine} builds the
 * same command tree for embedding or testing, with its error handling installed (exit 0 on
 * success, 1 on a rejected token or refused operation, 2 on bad usage; one line on stderr).
 */
public final class PatCli {
    private PatCli() {
    }

    /** Runs one command and exits the JVM with its exit code. */
    public static void main(String... args) {
        quietLibraryLogging();
        if (args.length > 0 && "demo".equals(args[0])) {
            // The demo server (Jetty, Jersey, both adapters) is kept out of the operator's jar.
            System.err.println("pat: 'pat demo' is not part of the operator's CLI; it is the demo module's:"
                    + " run ./pat demo from a pat4j checkout");
            System.exit(ExitCodes.USAGE);
        }
        System.exit(run(commandLine(System.getenv(), System.in), args));
    }

    /**
     * Executes {@code args} on {@code cli} with UTF-8 standard output and error, flushing both,
     * and returns the exit code; for launchers (such as the demo's) that add subcommands first.
     */
    public static int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return code;
    }

    /**
     * The command tree, reading {@code $PAT4J_CONFIG} (and the settings' overrides),
     * {@code $PAT_DB}, {@code $PAT_DB_USER}, {@code $PAT_DB_PASSWORD} and {@code $USER} from
     * {@code env} and {@code --token -} from {@code stdin}. Set its
     * output with {@link CommandLine#setOut} and {@link CommandLine#setErr}, then call
     * {@link CommandLine#execute}.
     */
    public static CommandLine commandLine(Map<String, String> env, InputStream stdin) {
        return commandLine(env, stdin, List.of());
    }

    /**
     * The command tree as {@link #commandLine(Map, InputStream)} builds it, whose
     * {@code notify-expiring} delivers notices through {@code senders}: for launchers (such as
     * the demo's) that have a channel; the operator's {@code pat} has none, and says so.
     */
    public static CommandLine commandLine(Map<String, String> env, InputStream stdin,
                                          List<NotificationSender> senders) {
        return commandLine(new CliContext(env, stdin, Path.of("").toAbsolutePath(), new JdbcDatabases(), senders));
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new PatCommand(context));
        ErrorHandlers.install(cli);
        ScopeHelp.install(cli);
        return cli;
    }

    /**
     * Library INFO logs would bury the command's own output on stderr, so the CLI shows only
     * warnings. slf4j-simple reads this once, so set it first.
     */
    private static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    }
}
