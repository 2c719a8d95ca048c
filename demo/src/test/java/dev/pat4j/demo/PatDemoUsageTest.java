package dev.pat4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code pat demo}'s command line as a user meets it: help, and one clean line for bad usage. */
class PatDemoUsageTest {

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of((Object) new String[] {"demo", "--port", "http"}),
                Arguments.of((Object) new String[] {"demo", "--port", "99999"}),
                Arguments.of((Object) new String[] {"demo", "--db", "pat-data"}));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageExitsTwoWithOneLineAndNoStackTrace(String[] args) {
        Run r = run(args);
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err.strip().lines()).as(r.err).hasSize(1);
        assertThat(r.err).startsWith("pat demo: ").contains("--help").doesNotContain("Exception");
        assertThat(r.out).isEmpty();
    }

    @Test
    void demoHasHelpAndTheOperatorsCommandsStayAvailable() {
        Run help = run("demo", "--help");
        assertThat(help.code).isZero();
        assertThat(help.out).startsWith("Usage: pat demo").contains("Example: pat demo --port 8080");
        assertThat(run("--help").out).contains("demo", "revoke", "create");
    }

    private static Run run(String... args) {
        CommandLine cli = PatDemo.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }
}
