package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pat create}: issues a token and prints it once. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates a token. Prints its id and expiry, then the token itself as the last line.",
            "The token is shown once: pat4j keeps only a salted hash of it."},
        footer = {"", "Example: pat create --owner alice --name ci --org acme --expires-in 30d --scope code:read",
            "The only command that creates the default database (./pat-data/) when there is none."})
final class CreateCommand extends DatabaseCommand {
    private static final Duration DEFAULT_LIFESPAN = Duration.ofDays(30);

    @Option(names = "--owner", required = true, paramLabel = "USER", description = "Who the token belongs to.")
    String owner;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The token's display name.")
    String name;

    @ArgGroup(exclusive = true)
    OrganizationOptions organization;

    @ArgGroup(exclusive = true)
    ExpiryOptions expiry;

    @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
            description = "A scope the token carries; repeat or separate with commas.")
    List<String> scopes;

    @Option(names = "--via", paramLabel = "TOOL",
            description = "The tool that mints the token for its owner, recorded beside the acting user"
                    + " (free text, e.g. 'git: https://host/ on MyMachine').")
    String via;

    @Mixin
    ActorOption actor;

    private NewToken.Builder request;

    @Override
    boolean createsTheDatabase() {
        return true;
    }

    @Override
    void prepare() {
        Redaction.refuseTokenShaped(spec, "--owner", owner);
        Redaction.refuseTokenShaped(spec, "--name", name);
        if (organization != null) {
            Redaction.refuseTokenShaped(spec, "--org", organization.organization);
        }
        request = Usage.check(spec, () -> {
            NewToken.Builder b = NewToken.builder(owner, name).scopes(scopes);
            if (via != null) {
                b.createdVia(via);
            }
            if (organization != null && organization.organization != null) {
                b.organization(organization.organization);
            } else {
                b.allOrganizations();
            }
            if (expiry != null && expiry.expires != null) {
                b.expiresAt(expiry.expires);
            } else {
                b.lifespan(expiry != null ? expiry.expiresIn : DEFAULT_LIFESPAN);
            }
            return b;
        });
        actor.actor(spec, context());
    }

    @Override
    int run(Pat4j pat4j, PrintWriter out) {
        IssuedToken issued = pat4j.tokens().create(request.build(), actor.actor(spec, context()));
        TokenText.details(out, issued.info());
        out.println("This token will not be shown again. Copy it now:");
        out.println(issued.token());
        return ExitCodes.OK;
    }

    /** {@code --org O | --all-orgs}; neither means all organizations. */
    static final class OrganizationOptions {
        @Option(names = "--org", paramLabel = "ORG", description = "Bind the token to one organization.")
        String organization;

        @Option(names = "--all-orgs", description = "Let the token act in every organization (the default; refused"
                + " where the policy forbids all-organization tokens).")
        boolean allOrganizations;
    }
}
