package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.TokenInfo;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pat extend}: moves an active token's expiry. */
@Command(name = "extend", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sets a new expiry for an active token (within the policy's maximum lifespan).",
        footer = {"", "Example: pat extend 3fQx9LmZr2Ab --expires-in 90d"})
final class ExtendCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The token's id (shown by create and list).")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ExpiryOptions expiry;

    @Mixin
    ActorOption actor;

    @Override
    void prepare() {
        actor.actor(spec, context());
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        TokenInfo info = pat4j.tokens().extend(id, expiry.expiryFrom(pat4j.clock().instant()),
                actor.actor(spec, context()));
        out.println("token " + info.id() + " now expires at " + TokenText.time(info.expiresAt()));
        return ExitCodes.OK;
    }
}
