package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.validation.ValidationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code pat check}: validates a header or token exactly as the application's filter would. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validates an Authorization header or a bare token as an application would.",
            "Exit 0 and the principal, or exit 1 and the rejection reason."},
        footer = {"", "Example: pat check --token - --org acme   (reads the token from stdin, keeping it out of"
            + " the shell history)"})
final class CheckCommand extends DatabaseCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Credential credential;

    @Option(names = "--org", paramLabel = "ORG",
            description = "The organization of the request; a token bound to another one is rejected. Without it,"
                    + " a token bound to any organization is rejected (organization required), as in an application.")
    String organization;

    private String value;

    @Override
    void prepare() {
        value = credential.header != null ? credential.header : credential.token;
        if ("-".equals(value)) {
            value = firstLineOfStdin();
        }
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        ValidationResult result = credential.header != null
                ? pat4j.validator().check(value, organization)
                : pat4j.validator().checkToken(value, organization);
        if (result instanceof ValidationResult.Authenticated ok) {
            TokenText.principal(out, ok.principal());
            return ExitCodes.OK;
        }
        ValidationResult.Rejected rejected = (ValidationResult.Rejected) result;
        String reason = rejected.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        err().println("rejected: " + reason + (rejected.tokenId() == null ? "" : " (token " + rejected.tokenId() + ")"));
        return ExitCodes.REFUSED;
    }

    private String firstLineOfStdin() {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(context().stdin(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null) {
                throw new ParameterException(spec.commandLine(), "'-' reads the value from standard input, which was empty");
            }
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    /** {@code --header VALUE | --token T}, exactly one. */
    static final class Credential {
        @Option(names = "--header", paramLabel = "VALUE", description = "A full Authorization header value,"
                + " such as 'Bearer pat_…' or 'Basic …'; '-' reads it from stdin.")
        String header;

        @Option(names = "--token", paramLabel = "TOKEN", description = "A bare token; '-' reads it from stdin.")
        String token;
    }
}
