package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pat revoke-all}: an administrator revokes every active token of a user. */
@Command(name = "revoke-all", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Revokes every active token of a user. The administrator must be named.",
        footer = {"", "Example: pat revoke-all --owner alice --actor security-team"})
final class RevokeAllCommand extends DatabaseCommand {
    @Option(names = "--owner", required = true, paramLabel = "USER", description = "Whose tokens.")
    String owner;

    @Option(names = "--actor", required = true, paramLabel = "ADMIN",
            description = "The administrator revoking them, recorded with each token.")
    String actorName;

    private Actor actor;

    @Override
    void prepare() {
        actor = ActorOption.administrator(spec, actorName, context());
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        int revoked = pat4j.tokens().revokeAll(owner, actor);
        out.println("revoked " + revoked + (revoked == 1 ? " token of " : " tokens of ") + Redaction.oneLine(owner));
        return ExitCodes.OK;
    }
}
