package dev.pat4j.cli.internal;

import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The settings a command runs under: the application's file ({@code --config FILE}, else
 * {@code $PAT4J_CONFIG}), with environment overrides, else pat4j's defaults, which the command
 * then names in one line on stderr. Immutable.
 *
 * @param settings the settings
 * @param file the file they were read from, or null for the defaults
 */
public record CliSettings(Pat4jSettings settings, @Nullable Path file) {
    /** The environment variable naming the settings file when {@code --config} is absent. */
    public static final String VARIABLE = "PAT4J_CONFIG";

    /**
     * Reads the settings {@code option} (the {@code --config} value, may be null) or
     * {@code $PAT4J_CONFIG} names, else the defaults with the environment's overrides.
     *
     * @throws ParameterException if the named file does not exist (bad usage)
     * @throws CliFailure if the file or an override is wrong; the message names the key
     */
    public static CliSettings resolve(CommandSpec spec, @Nullable String option, CliContext context) {
        String named = option != null ? option : context.variable(VARIABLE);
        try {
            if (named == null) {
                return new CliSettings(Pat4jSettings.defaults(context.env()), null);
            }
            Path file = context.workingDirectory().resolve(named.strip());
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), (option != null ? "--config " : "$" + VARIABLE + " ")
                        + named + ": no such settings file");
            }
            return new CliSettings(Pat4jSettings.load(file, context.env()), file);
        } catch (SettingsException e) {
            throw new CliFailure("settings: " + e.getMessage());
        }
    }

    /** Whether these are pat4j's defaults rather than a file's. */
    public boolean isDefaults() {
        return file == null;
    }

    /** The line a command prints on stderr when it runs on the defaults, naming them. */
    public Optional<String> notice() {
        if (file != null) {
            return Optional.empty();
        }
        return Optional.of(NOTICE_START + settings.summary()
                + ". Give the application's settings with --config FILE or $" + VARIABLE + ".");
    }

    /** How the defaults notice starts (tests tell it from the command's own stderr by it). */
    public static final String NOTICE_START = "pat: no settings file, so pat4j's defaults: ";
}
