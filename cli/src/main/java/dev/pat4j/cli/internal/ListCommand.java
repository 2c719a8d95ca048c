package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pat list}: a user's tokens, never their secrets. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists a user's tokens, newest first: id, name, organization, scopes, created, expires,"
                + " last used, state (active / expired / revoked), created by (who acted) and created via (the"
                + " tool, if one was named). Secrets are never stored, so never shown.",
        footer = {"", "Example: pat list --owner alice --json"})
final class ListCommand extends DatabaseCommand {
    @Option(names = "--owner", required = true, paramLabel = "USER", description = "Whose tokens.")
    String owner;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        List<TokenInfo> tokens = pat4j.tokens().listByOwner(owner);
        if (json) {
            out.println(TokenText.json(tokens));
        } else if (tokens.isEmpty()) {
            out.println("no tokens for " + Redaction.oneLine(owner));
        } else {
            TokenText.table(out, tokens);
        }
        return ExitCodes.OK;
    }
}
