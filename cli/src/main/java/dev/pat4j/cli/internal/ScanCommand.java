package dev.pat4j.cli.internal;

import dev.pat4j.lifecycle.TokenInfo;
import dev.pat4j.scan.TokenMatch;
import dev.pat4j.scan.TokenScanner;
import dev.pat4j.token.TokenFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pat scan}: finds tokens in files, optionally revoking them. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds pat4j tokens of the settings' prefix in files and directories (exact shape and checksum,"
            + " so no look-alikes).",
            "Prints file:line:column: token <id> for each, never the secret. Skips .git, symbolic links and binary"
                + " files. Exit 1 when any token is found, 0 when none is."},
        footer = {"", "Example: pat scan --revoke src/ build.log"})
final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    PatCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to scan.")
    List<Path> paths;

    @Option(names = "--revoke", description = "Revoke each token found that is a live token of the database"
            + " (its secret is verified first; look-alikes are left alone) and fire the leaked event.")
    boolean revoke;

    @Mixin
    DbOption db;

    @Override
    public Integer call() {
        CliSettings settings = db.settings(spec, parent.config(), parent.context());
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new ParameterException(spec.commandLine(), "no such file or directory: "
                        + Redaction.oneLine(path.toString()));
            }
        }
        if (!revoke) {
            settings.notice().ifPresent(spec.commandLine().getErr()::println);
            return scan(settings, null);
        }
        DatabaseLocation location = Usage.check(spec, () -> db.location(parent.context(), settings));
        settings.notice().ifPresent(spec.commandLine().getErr()::println);
        try (Session session = Session.open(parent.context(), settings, location, false, b -> { })) {
            return scan(settings, session);
        }
    }

    private int scan(CliSettings settings, @Nullable Session session) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TokenScanner scanner = TokenScanner.forFormat(TokenFormat.withPrefix(settings.settings().tokenPrefix()));
        FileTreeScanner tree = new FileTreeScanner(scanner);
        Set<Path> filesWithTokens = new HashSet<>();
        int[] found = {0};
        FileTreeScanner.Sink sink = new FileTreeScanner.Sink() {
            @Override
            public void found(Path file, TokenMatch match) {
                found[0]++;
                filesWithTokens.add(file);
                String where = display(file) + ":" + match.line();
                String line = where + ":" + match.column() + ": token " + match.tokenId();
                out.println(session == null ? line : line + revoked(session, match, where));
            }

            @Override
            public void unreadable(Path file, String why) {
                err.println("pat scan: " + display(file) + ": " + Redaction.oneLine(why));
            }
        };
        for (Path path : paths) {
            tree.scan(path, sink);
        }
        int files = tree.filesScanned();
        out.println(found[0] == 0 ? "no tokens found in " + files + plural(files, " file", " files") + " scanned"
                : found[0] + plural(found[0], " token", " tokens") + " found in " + filesWithTokens.size() + " of "
                + files + plural(files, " file", " files") + " scanned");
        return found[0] == 0 ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static String revoked(Session session, TokenMatch match, String where) {
        Optional<TokenInfo> revoked = session.pat4j().tokens().revokeLeaked(match.token(), where);
        return revoked.isPresent() ? " (revoked)" : " (not a live token of this database; left alone)";
    }

    private static String display(Path file) {
        return Redaction.oneLine(file.normalize().toString());
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
