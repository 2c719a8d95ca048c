package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that works on the token database: it reads the settings, checks its arguments,
 * opens pat4j on the database under those settings (naming the defaults on stderr when there is
 * no settings file), runs, and closes everything (flushing pat4j's pending writes) whatever happens.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    @ParentCommand
    PatCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    private CliSettings settings;

    @Override
    public final Integer call() {
        settings = db.settings(spec, parent.config(), context());
        DatabaseLocation location = Usage.check(spec, () -> db.location(context(), settings));
        prepare();
        settings.notice().ifPresent(err()::println);
        try (Session session = Session.open(context(), settings, location, createsTheDatabase(), this::configure)) {
            return run(session.pat4j(), out());
        }
    }

    /** Checks and converts arguments before the database is opened; throw a ParameterException for bad usage. */
    void prepare() {
    }

    /** Whether a missing default H2 database may be created; only {@code create} does. */
    boolean createsTheDatabase() {
        return false;
    }

    /** The settings the command runs under (set when it runs). */
    CliSettings settings() {
        return settings;
    }

    /** Adjusts pat4j's settings for this command. */
    void configure(Pat4j.Builder builder) {
    }

    /** Does the work; returns the exit code. */
    abstract int run(Pat4j pat4j, PrintWriter out);

    CliContext context() {
        return parent.context();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
