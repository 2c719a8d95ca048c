package dev.pat4j.cli;

import dev.pat4j.cli.internal.CliContext;
import dev.pat4j.cli.internal.CliSettings;
import dev.pat4j.cli.internal.Databases;
import dev.pat4j.notice.NotificationSender;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs pat commands in-process through picocli, capturing what a user would see. */
final class Cli {
    private final Map<String, String> env;
    private final Path workingDirectory;
    private final Databases databases;
    private final List<NotificationSender> senders;

    Cli(Map<String, String> env, Path workingDirectory, Databases databases) {
        this(env, workingDirectory, databases, List.of());
    }

    /** Commands whose pat4j delivers notices through {@code senders}, as a launcher with a channel gives them. */
    Cli(Map<String, String> env, Path workingDirectory, Databases databases, List<NotificationSender> senders) {
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.databases = databases;
        this.senders = List.copyOf(senders);
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        CommandLine cli = PatCli.commandLine(new CliContext(env, new ByteArrayInputStream(
                stdin.getBytes(StandardCharsets.UTF_8)), workingDirectory, databases, senders));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return Result.of(code, out.toString(), err.toString());
    }

    /**
     * Exit code and captured output of one command; {@code err} without the line naming the
     * defaults (which a command without settings prints first), kept apart in {@code notice}.
     */
    record Result(int exitCode, String out, String err, String notice) {
        static Result of(int exitCode, String out, String err) {
            StringBuilder rest = new StringBuilder();
            StringBuilder notice = new StringBuilder();
            err.lines().forEach(l -> (l.startsWith(CliSettings.NOTICE_START) ? notice : rest).append(l)
                    .append(System.lineSeparator()));
            return new Result(exitCode, out, rest.toString(), notice.toString());
        }

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        String lastOutLine() {
            List<String> lines = outLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + notice + err;
        }
    }
}
