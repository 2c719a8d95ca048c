package dev.pat4j.cli.internal;

import dev.pat4j.lifecycle.TokenException;
import dev.pat4j.scope.UnknownScopeException;
import dev.pat4j.settings.SettingsException;
import dev.pat4j.settings.SettingsMismatchException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code, never a stack trace: bad
 * usage exits 2 with a pointer to {@code --help}; refused operations (policy, unknown scope,
 * missing token, unreachable database, wrong settings, settings that differ from the database's)
 * exit 1 with the library's message, which names the rule, the scope or the settings key and
 * never holds a secret.
 */
public final class ErrorHandlers implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private ErrorHandlers() {
    }

    /** Installs both handlers on {@code cli} (subcommands added later inherit them). */
    public static void install(CommandLine cli) {
        ErrorHandlers handlers = new ErrorHandlers();
        cli.setParameterExceptionHandler(handlers);
        cli.setExecutionExceptionHandler(handlers);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + Redaction.oneLine(ex.getMessage()) + " (see '" + name + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + describe(ex));
        err.flush();
        return ExitCodes.REFUSED;
    }

    private static String describe(Exception ex) {
        if (ex instanceof SettingsMismatchException) {
            return Redaction.oneLine(ex.getMessage()) + " (pat runs under the application's settings with"
                    + " --config FILE or $PAT4J_CONFIG)";
        }
        if (ex instanceof TokenException || ex instanceof UnknownScopeException || ex instanceof CliFailure
                || ex instanceof SettingsException) {
            String message = Redaction.oneLine(ex.getMessage());
            Throwable cause = ex.getCause();
            return cause == null || cause.getMessage() == null ? message
                    : message + ": " + Redaction.oneLine(cause.getMessage());
        }
        String message = ex.getMessage();
        return "unexpected " + ex.getClass().getSimpleName()
                + (message == null ? "" : ": " + Redaction.oneLine(message));
    }
}
