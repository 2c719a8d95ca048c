package dev.pat4j.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root of the command tree: {@code pat <command>}. */
@Command(name = "pat", mixinStandardHelpOptions = true, versionProvider = PatCommand.Version.class,
        sortOptions = false,
        description = "Personal access tokens: administration and leak scanning.",
        subcommands = {CreateCommand.class, ListCommand.class, ExtendCommand.class, ScopesCommand.class,
            RevokeCommand.class, RevokeAllCommand.class, CheckCommand.class, ScanCommand.class,
            NotifyExpiringCommand.class},
        footer = {"", "Database: --db JDBC-URL, else $PAT_DB, else an H2 file under ./pat-data/ (shared with a running"
            + " 'pat demo').", "The demo server, 'pat demo', is the demo module's: the ./pat launcher of a pat4j checkout runs it.",
            "Exit codes: 0 success, 1 rejected token or refused operation, 2 bad usage."})
public final class PatCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    public PatCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PatCommand.class.getPackage().getImplementationVersion();
            return new String[] {"pat (pat4j) " + (version == null ? "development build" : version)};
        }
    }
}
