package dev.pat4j.spring.boot.autoconfigure.internal;

import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.spring.boot.autoconfigure.Pat4jProperties;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring's bound {@code pat4j.*} properties into {@link Pat4jSettings}, through the settings
 * file's own reader, so that one parser checks every value. Stateless.
 */
public final class SettingsBinding {
    private static final Pattern ENV_REFERENCE = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]{0,127})");

    private SettingsBinding() {
    }

    /**
     * The settings {@code properties} describe; {@code env:} references are read from
     * {@code systemEnvironment}.
     *
     * @throws dev.pat4j.settings.SettingsException if a value is refused; the message names the key
     */
    public static Pat4jSettings settings(Pat4jProperties properties, Map<String, String> systemEnvironment) {
        Map<String, String> entries = properties.toSettingsEntries();
        Properties p = new Properties();
        p.putAll(entries);
        return Pat4jSettings.fromProperties(p, environment(entries, systemEnvironment));
    }

    /**
     * The environment the reader sees: without the {@code PAT4J_*} overrides, which Spring has
     * already bound into the properties under its own precedence (an override applied again here
     * would beat a command-line argument), except the variables that {@code env:} references name.
     */
    static Map<String, String> environment(Map<String, String> entries, Map<String, String> system) {
        Set<String> referenced = new HashSet<>();
        for (String value : entries.values()) {
            Matcher m = ENV_REFERENCE.matcher(value);
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        system.forEach((name, value) -> {
            if (!name.startsWith("PAT4J_") || referenced.contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }
}
