package dev.pat4j.settings;

import org.jspecify.annotations.Nullable;

/**
 * A settings file or an environment override is wrong: an unknown key, a bad value, an
 * implication to an undeclared scope, a secret reference that cannot be read. The message says
 * where (file and line, or the environment variable), names the key and, for a misspelt key, the
 * one probably meant; it never holds a secret. Immutable.
 */
public final class SettingsException extends IllegalArgumentException {
    private final @Nullable String key;

    /**
     * @param key the settings key at fault, or null when the problem is not one key's (an unreadable file)
     * @param message the whole message, naming the key
     */
    public SettingsException(@Nullable String key, String message) {
        super(message);
        this.key = key;
    }

    /** The settings key at fault, such as {@code pat4j.token.prefix}; null when the problem is not one key's. */
    public @Nullable String key() {
        return key;
    }
}
