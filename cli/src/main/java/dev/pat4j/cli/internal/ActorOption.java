package dev.pat4j.cli.internal;

import dev.pat4j.lifecycle.Actor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --actor NAME}: who performs a change, recorded as created-by / revoked-by. Whoever runs
 * the CLI holds the database itself, so the actor is an administrator; the default name is
 * {@code $USER}, else {@code admin}.
 */
public final class ActorOption {
    @Option(names = "--actor", paramLabel = "NAME",
            description = "Who performs the change, recorded with the token (default: $USER, else admin). "
                    + "The CLI acts as an administrator.")
    String name;

    Actor actor(CommandSpec spec, CliContext context) {
        return ActorOption.administrator(spec, name, context);
    }

    static Actor administrator(CommandSpec spec, String name, CliContext context) {
        Redaction.refuseTokenShaped(spec, "--actor", name);
        String chosen = name != null ? name : context.variable("USER");
        String actorName = chosen != null ? chosen : "admin";
        return Usage.check(spec, () -> Actor.administrator(actorName));
    }
}
