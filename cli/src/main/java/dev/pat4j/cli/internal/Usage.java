package dev.pat4j.cli.internal;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns a value the library refuses before doing anything (blank owner, control characters) into a usage error. */
public final class Usage {
    private Usage() {
    }

    public static <T> T check(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (dev.pat4j.scope.UnknownScopeException e) {
            throw e; // a refusal naming the scope (exit 1), not a malformed command line
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
