package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pat rename}: gives a token that is not revoked a new name. */
@Command(name = "rename", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Renames a token (active or expired; a revoked token keeps its name).",
        footer = {"", "Example: pat rename 3fQx9LmZr2Ab 'laptop build agent'"})
final class RenameCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The token's id (shown by create and list).")
    String id;

    @Parameters(index = "1", paramLabel = "NAME",
            description = "The new name: 1 to 256 characters, no control characters or surrounding spaces.")
    String name;

    @Mixin
    ActorOption actor;

    @Override
    void prepare() {
        Redaction.refuseTokenShaped(spec, "NAME", name);
        Usage.check(spec, () -> NewToken.requireValidName(name)); // refused before the database is opened
        actor.actor(spec, context());
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        TokenInfo info = pat4j.tokens().rename(id, name, actor.actor(spec, context()));
        out.println("token " + info.id() + " renamed to " + info.name());
        return ExitCodes.OK;
    }
}
