package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that works on the token database: it checks its arguments, opens pat4j on the
 * database, runs, and closes everything (flushing pat4j's pending writes) whatever happens.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    @ParentCommand
    PatCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Override
    public final Integer call() {
        DatabaseLocation location = Usage.check(spec, () -> db.location(context()));
        prepare();
        try (Session session = Session.open(context(), location, this::configure)) {
            return run(session.pat4j(), out());
        }
    }

    /** Checks and converts arguments before the database is opened; throw a ParameterException for bad usage. */
    void prepare() {
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
