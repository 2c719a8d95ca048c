package dev.pat4j.settings;

/**
 * This process's settings disagree with those recorded in the token store by the processes
 * that wrote it, on a setting that decides whether tokens verify (the token prefix, the hashing
 * algorithm, the pepper): rather than reject every token, {@link dev.pat4j.Pat4j} refuses to
 * start. The message names the setting's key and both values, which are never secret (a pepper
 * is named by its id; when only its bytes differ, the message says so and shows neither).
 * Immutable.
 */
public final class SettingsMismatchException extends IllegalStateException {
    private final String setting;
    private final String storeValue;
    private final String processValue;

    /**
     * @param setting the settings key that differs, such as {@code pat4j.token.prefix}
     * @param storeValue the value the store records
     * @param processValue this process's value
     * @param message the whole message
     */
    public SettingsMismatchException(String setting, String storeValue, String processValue, String message) {
        super(message);
        this.setting = setting;
        this.storeValue = storeValue;
        this.processValue = processValue;
    }

    /** The settings key that differs, such as {@code pat4j.token.prefix}. */
    public String setting() {
        return setting;
    }

    /** The value recorded in the store. */
    public String storeValue() {
        return storeValue;
    }

    /** This process's value. */
    public String processValue() {
        return processValue;
    }
}
