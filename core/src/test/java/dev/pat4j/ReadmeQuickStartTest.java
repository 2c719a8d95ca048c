package dev.pat4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's quick-start block, so the README cannot rot. */
class ReadmeQuickStartTest {
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- quick-start[^>]*-->\\s*```java\\n(.*?)```\\s*<!-- /quick-start -->", Pattern.DOTALL);
    /** A line of the test logback configuration's console pattern: time, level, thread, logger. */
    private static final Pattern LOG_LINE = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} [A-Z]+ +\\[");

    @Test
    void quickStartCompilesAndRunsAsDocumented(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(readme);
        assertThat(m.find()).as("README has a quick-start java block").isTrue();
        Path source = dir.resolve("QuickStart.java");
        Files.writeString(source, m.group(1), StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), source.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String out = runMain(dir);
        // The console appender of the test logback configuration writes to the captured stream too.
        // A quick start without .store(...) is warned that its tokens live in memory: the one log
        // line allowed.
        List<String> logged = out.lines().filter(l -> LOG_LINE.matcher(l).find()).toList();
        assertThat(logged).allMatch(l -> l.contains(" WARN ") && l.contains("No token store configured"));
        List<String> lines = out.lines().filter(l -> !LOG_LINE.matcher(l).find()).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("token \\(shown once\\): pat_[0-9A-Za-z]{50}");
        assertThat(lines.get(1)).isEqualTo("authenticated as alice, may read code: true");
        assertThat(lines.get(2)).startsWith("after revoke: Rejected[reason=REVOKED, tokenId=");
    }

    private static String runMain(Path classes) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeQuickStartTest.class.getClassLoader())) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            loader.loadClass("QuickStart").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
