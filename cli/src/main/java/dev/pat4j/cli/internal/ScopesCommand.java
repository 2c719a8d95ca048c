package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pat scopes}: replaces an active token's scopes. */
@Command(name = "scopes", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replaces the scopes of an active token.",
        footer = {"", "Example: pat scopes 3fQx9LmZr2Ab --scope code:read --scope build:read"})
final class ScopesCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The token's id.")
    String id;

    @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
            description = "A scope the token will carry; repeat or separate with commas.")
    List<String> scopes;

    @Mixin
    ActorOption actor;

    @Override
    void prepare() {
        actor.actor(spec, context());
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        TokenInfo info = pat4j.tokens().updateScopes(id, scopes, actor.actor(spec, context()));
        out.println("token " + info.id() + " scopes: " + info.scopes().format());
        return ExitCodes.OK;
    }
}
