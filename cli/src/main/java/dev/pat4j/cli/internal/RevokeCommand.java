package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pat revoke}: revokes one token. */
@Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Revokes a token. Running applications refuse it within the store's change-feed bound"
            + " (about a second with the default polling).", "Revoking a revoked token changes nothing."},
        footer = {"", "Example: pat revoke 3fQx9LmZr2Ab --actor alice"})
final class RevokeCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The token's id.")
    String id;

    @Mixin
    ActorOption actor;

    @Override
    void prepare() {
        actor.actor(spec, context());
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        TokenInfo info = pat4j.tokens().revoke(id, actor.actor(spec, context()));
        out.println("token " + info.id() + " revoked at " + TokenText.time(info.revokedAt()) + " by "
                + info.revokedBy());
        return ExitCodes.OK;
    }
}
