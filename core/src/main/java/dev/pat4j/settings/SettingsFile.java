package dev.pat4j.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a settings file into its entries, in file order, each with its line: the
 * {@code .properties} syntax, except that only {@code =} separates key and value and that a key
 * set twice is an error (see {@link Pat4jSettings}). Stateless, hence thread-safe.
 */
final class SettingsFile {
    private SettingsFile() {
    }

    static Map<String, SettingsReader.Value> parse(String text, String fileName) {
        Map<String, SettingsReader.Value> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<String> physical = text.lines().toList();
        int i = 0;
        while (i < physical.size()) {
            int first = i + 1;
            String line = physical.get(i++).stripLeading();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!') {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (continues(line) && i < physical.size()) {
                logical.append(line, 0, line.length() - 1);
                line = physical.get(i++).stripLeading();
            }
            logical.append(continues(line) ? line.substring(0, line.length() - 1) : line);
            String where = fileName + ":" + first;
            int eq = separator(logical);
            if (eq < 0) {
                throw new SettingsException(null, where + ": expected key = value (only '=' separates them, so that"
                        + " scope names such as read:org need no escaping)");
            }
            String key = unescape(logical.substring(0, eq).strip(), where);
            String value = unescape(logical.substring(eq + 1).strip(), where);
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new SettingsException(null, where + ": '" + key + "' is not a key (keys have no spaces)");
            }
            Integer earlier = lines.putIfAbsent(key, first);
            if (earlier != null) {
                throw new SettingsException(key, where + ": " + key + " is set twice (first on line " + earlier + ")");
            }
            entries.put(key, new SettingsReader.Value(value, where));
        }
        return entries;
    }

    /** A line continues when it ends in an odd number of backslashes. */
    private static boolean continues(String line) {
        int n = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static int separator(CharSequence line) {
        for (int j = 0; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '=') {
                return j;
            }
        }
        return -1;
    }

    private static String unescape(String s, String where) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c != '\\' || j + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++j);
            switch (e) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (j + 4 >= s.length()) {
                        throw new SettingsException(null, where + ": malformed \\uXXXX escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16));
                    } catch (NumberFormatException ex) {
                        throw new SettingsException(null, where + ": malformed \\uXXXX escape");
                    }
                    j += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
