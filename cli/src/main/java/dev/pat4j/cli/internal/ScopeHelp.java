package dev.pat4j.cli.internal;

import dev.pat4j.scope.ScopeCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help of the commands that take scopes ends with the scopes they accept: those of the
 * settings in effect ({@code --config}, {@code $PAT4J_CONFIG}), else of pat4j's defaults. Read
 * when the help is shown, since the settings are known only once the command line is parsed.
 */
public final class ScopeHelp {
    private ScopeHelp() {
    }

    /** Adds the list to the help of {@code create} and {@code scopes}. */
    public static void install(CommandLine root) {
        PatCommand pat = root.getCommand();
        for (String name : new String[] {"create", "scopes"}) {
            CommandLine sub = root.getSubcommands().get(name);
            UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            String[] footer = usage.footer();
            sub.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
                List<String> lines = new ArrayList<>(Arrays.asList(footer));
                lines.add("");
                lines.add(known(sub, pat));
                usage.footer(lines.toArray(String[]::new));
                try {
                    return help.footer();
                } finally {
                    usage.footer(footer);
                }
            });
        }
    }

    private static String known(CommandLine sub, PatCommand pat) {
        String config = pat.config();
        if (sub.getCommand() instanceof DatabaseCommand command && command.db.config != null) {
            config = command.db.config;
        }
        CliSettings settings;
        try {
            settings = CliSettings.resolve(sub.getCommandSpec(), config, pat.context());
        } catch (RuntimeException e) {
            return "Known scopes: the settings cannot be read (" + Redaction.oneLine(e.getMessage()) + ").";
        }
        ScopeCatalog catalog = settings.settings().scopes();
        String from = settings.file() == null ? "" : " (" + settings.file().getFileName() + ")";
        return "Known scopes" + from + ": " + String.join(" ", catalog.names()) + " ('*' is full access, "
                + (settings.settings().policy().allowFullAccess() ? "allowed" : "refused") + " by the policy).";
    }
}
