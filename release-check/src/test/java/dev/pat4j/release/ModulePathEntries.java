package dev.pat4j.release;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The entries of this test's class path that form pat4j's module path: its modules and what they require. */
final class ModulePathEntries {
    private static final Pattern ENTRY = Pattern.compile(
            ".*(pat4j-(core|jdbc|servlet|jaxrs|web|testkit|micrometer|mail|webhooks)[^/]*\\.jar"
                    + "|/(core|jdbc-store|servlet-adapter|jaxrs-adapter|web|testkit|micrometer|mail|webhooks)"
                    + "/target/classes|caffeine|jspecify|error_prone_annotations|slf4j-api|jakarta\\.servlet-api"
                    + "|jakarta\\.ws\\.rs-api|jakarta\\.annotation-api|junit-jupiter-api|junit-jupiter-params|junit-platform-commons"
                    + "|opentest4j|apiguardian|assertj-core|/h2-|micrometer-(core|commons|observation)-|HdrHistogram"
                    + "|LatencyUtils|jakarta\\.mail-api|jakarta\\.activation-api|angus-(mail|activation)|jmustache"
                    + "|jackson-(core|databind|annotations))[^/]*");

    private ModulePathEntries() {
    }

    static List<Path> modulePath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (ENTRY.matcher(entry.replace(File.separatorChar, '/')).matches()) {
                out.add(Path.of(entry));
            }
        }
        return out;
    }
}
