package dev.pat4j.demo;

import dev.pat4j.cli.PatCli;
import dev.pat4j.demo.internal.ConsoleNoticeSender;
import dev.pat4j.demo.internal.DemoCommand;
import dev.pat4j.demo.internal.DemoMail;
import dev.pat4j.demo.internal.ServeAuthCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * The reference integration's launcher: the operator's {@code pat} command tree with
 * {@code pat demo} added, a web application (Jetty) that uses every pat4j module, and
 * {@code pat serve-auth}, the forward-authentication endpoint alone. The
 * repository's {@code ./pat} script runs it for {@code ./pat demo} and the CLI's own jar for
 * everything else, so the operator's tool ships no web server.
 */
public final class PatDemo {
    private PatDemo() {
    }

    /** Runs one command ({@code demo} serves until stopped) and exits the JVM with its exit code. */
    public static void main(String... args) {
        showLibraryInfoLogs();
        System.exit(PatCli.run(commandLine(), args));
    }

    /**
     * The command tree of {@code pat} plus {@code demo}, with the CLI's error handling; its
     * notices (those {@code pat demo} delivers, and {@code pat notify-expiring}'s when run from
     * this launcher) are printed on the console, one line each.
     */
    static CommandLine commandLine() {
        PrintWriter console = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        DemoMail mail = new DemoMail(console);
        CommandLine cli = PatCli.commandLine(System.getenv(), System.in, List.of(new ConsoleNoticeSender(console), mail));
        cli.addSubcommand("demo", new DemoCommand(mail));
        cli.addSubcommand("serve-auth", new ServeAuthCommand());
        return cli;
    }

    /**
     * The demo shows pat4j's INFO lines (creations, revocations), because watching them is the
     * point of a demo; everything else logs warnings only. slf4j-simple reads these once.
     */
    private static void showLibraryInfoLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (System.getProperty("org.slf4j.simpleLogger.log.dev.pat4j") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.pat4j", "info");
        }
    }
}
