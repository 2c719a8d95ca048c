package dev.pat4j.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An H2 JDBC URL taken apart the way H2 reads it: the database name ({@code file:/srv/pat},
 * {@code tcp://host/db}, {@code mem:x}) and the {@code ;KEY=VALUE} settings after it, keys
 * upper-cased in English as H2 does. Splitting happens at every {@code ;}, ignoring H2's
 * {@code \;} escape: the parts are then never longer than H2's, so no setting H2 sees hides
 * inside one of them. Immutable.
 *
 * @param name what follows {@code jdbc:h2:} up to the first {@code ;}
 * @param settings the settings in URL order; empty parts ({@code ;;}) are left out, as H2 skips them
 */
record H2Url(String name, List<Setting> settings) {
    static final String PREFIX = "jdbc:h2:";

    H2Url {
        settings = List.copyOf(settings);
    }

    /**
     * One {@code KEY=VALUE} part.
     *
     * @param key the key as written
     * @param value what follows the first {@code =}, or null when the part has none
     */
    record Setting(String key, @Nullable String value) {
        /** The key as H2 compares it. */
        String name() {
            return key.toUpperCase(Locale.ENGLISH);
        }

        @Override
        public String toString() {
            return "Setting[" + key + "]"; // the value may be a password
        }
    }

    /** @throws IllegalArgumentException if {@code url} is no H2 URL */
    static H2Url parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an H2 URL");
        }
        String rest = url.substring(PREFIX.length());
        String[] parts = rest.split(";", -1);
        List<Setting> settings = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            settings.add(equals < 0 ? new Setting(part, null)
                    : new Setting(part.substring(0, equals), part.substring(equals + 1)));
        }
        return new H2Url(parts[0], settings);
    }

    /** The value of the setting {@code name} (upper case), if the URL sets it. */
    Optional<String> value(String name) {
        return settings.stream().filter(s -> s.name().equals(name) && s.value() != null).map(Setting::value)
                .findFirst();
    }

    boolean has(String name) {
        return value(name).isPresent();
    }

    /** {@code url} with {@code ;NAME=VALUE} appended, unless it sets {@code name} already. */
    static String withSetting(String url, String name, String value) {
        return parse(url).has(name) ? url : url + ";" + name + "=" + value;
    }

    /** {@code url} without the setting {@code name} (upper case). */
    static String withoutSetting(String url, String name) {
        H2Url parsed = parse(url);
        StringBuilder b = new StringBuilder(PREFIX).append(parsed.name());
        for (Setting s : parsed.settings()) {
            if (!s.name().equals(name)) {
                b.append(';').append(s.key());
                if (s.value() != null) {
                    b.append('=').append(s.value());
                }
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "H2Url[" + name + "]";
    }
}
