package dev.pat4j.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link ScopeCatalog#parse}, which reads scope lists from the CLI,
 * settings files and API bodies. Property: it either refuses with one of its documented
 * exceptions or returns exactly the closure of the names a plain split finds, and a parsed
 * set reads back to itself from its own format.
 */
class ScopeListFuzzTest {
    private static final ScopeCatalog CATALOG = AzureDevOpsScopes.catalog();
    private static final List<String> NAMES = CATALOG.names();

    @FuzzTest(maxDuration = "2m")
    void parseIsTheClosureOfThePlainlySplitNamesOrARefusal(FuzzedDataProvider data) {
        String text = data.consumeBoolean() ? around(data) : data.consumeRemainingAsString();
        ScopeSet parsed;
        try {
            parsed = CATALOG.parse(text);
        } catch (UnknownScopeException e) {
            assertThat(split(text)).anyMatch(name -> !CATALOG.isDeclared(name));
            return;
        } catch (IllegalArgumentException e) {
            assertThat(text.length()).as("refused a short list: %s", e.getMessage()).isGreaterThan(8192);
            return;
        }
        assertThat(parsed).isEqualTo(CATALOG.of(split(text)));
        assertThat(CATALOG.parse(parsed.format())).isEqualTo(parsed);
    }

    /** Declared names joined by what the fuzzer writes between them, so parses often succeed. */
    private static String around(FuzzedDataProvider data) {
        StringBuilder sb = new StringBuilder();
        for (int n = data.consumeInt(0, 5); n > 0; n--) {
            sb.append(data.consumeString(3)).append(NAMES.get(data.consumeInt(0, NAMES.size() - 1)));
        }
        return sb.append(data.consumeRemainingAsString()).toString();
    }

    /** The reference split: ASCII whitespace and commas separate; Unicode space trims the ends. */
    private static List<String> split(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        String trimmed = text.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                flush(name, names);
            } else {
                name.append(c);
            }
        }
        flush(name, names);
        return names;
    }

    private static void flush(StringBuilder name, List<String> names) {
        if (name.length() > 0) {
            names.add(name.toString());
            name.setLength(0);
        }
    }
}
