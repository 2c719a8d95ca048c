package dev.pat4j.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root of the command tree: {@code pat <command>}. */
@Command(name = "pat", mixinStandardHelpOptions = true, versionProvider = PatCommand.Version.class,
        sortOptions = false,
        description = "Personal access tokens: administration and leak scanning.",
        subcommands = {CreateCommand.class, ListCommand.class, RenameCommand.class, ExtendCommand.class,
            ScopesCommand.class,
            RevokeCommand.class, RevokeAllCommand.class, CheckCommand.class, ScanCommand.class,
            NotifyExpiringCommand.class, NoticesCommand.class},
        footer = {"", "Settings: --config FILE (before or after the command), else $PAT4J_CONFIG: the application's pat4j"
            + " settings file, whose scopes, prefix, hashing and policy every command honours. Without one, pat4j's"
            + " defaults, which each command names on stderr.",
            "Database: --db JDBC-URL, else the settings' pat4j.store.url, else $PAT_DB, else an H2 file under ./pat-data/"
            + " (shared with a running 'pat demo'; only 'pat create' makes it).",
            "The demo server, 'pat demo', is the demo module's: the ./pat launcher of a pat4j checkout runs it.",
            "Exit codes: 0 success, 1 rejected token or refused operation, 2 bad usage."})
public final class PatCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The application's pat4j settings file (default: $PAT4J_CONFIG, else pat4j's defaults).")
    @Nullable String config;

    @Spec
    CommandSpec spec;

    public PatCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    /** The {@code --config} given before the command, or null. */
    public @Nullable String config() {
        return config;
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
