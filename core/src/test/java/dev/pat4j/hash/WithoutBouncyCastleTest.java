package dev.pat4j.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BouncyCastle is optional: an application that hashes with SHA-256 or HMAC never needs it, one
 * that asks for Argon2id without it hears so at once, and a stored Argon2id record met without
 * it is a rejection, never a crash. Proven in a child JVM whose class path is this one's minus
 * the bcprov jar (see {@link WithoutBouncyCastle} for the checks it makes).
 */
class WithoutBouncyCastleTest {
    @TempDir
    Path dir;

    @Test
    void withoutBouncyCastleSha256AndHmacWorkArgon2idIsRefusedAndArgon2idRecordsAreRejected() throws Exception {
        List<String> classPath = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path")
                .split(File.pathSeparator)));
        assertThat(classPath.removeIf(entry -> Path.of(entry).getFileName().toString().startsWith("bcprov")))
                .as("BouncyCastle was on the test class path to begin with").isTrue();

        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", String.join(File.pathSeparator, classPath), WithoutBouncyCastle.class.getName())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) { // a bound against a hung child, not a timing assertion
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not finish within 60 s");
        }

        String printed = Files.readString(out) + Files.readString(err);
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).contains("ok BouncyCastle absent", "ok sha256 creates and validates",
                "ok hmac-sha256 creates and validates", "ok argon2id(m, t, p) refused",
                "ok record re-hashed to argon2id", "ok a leak report of it cannot be verified and is ignored",
                "ok one warning naming the dependency").doesNotContain("FAIL", "Exception in thread");
        assertThat(printed).contains("ok argon2id() refused: Argon2id needs BouncyCastle")
                .contains("add the dependency org.bouncycastle:bcprov-jdk18on");
        assertThat(printed.lines().filter(l -> l.startsWith("ok argon2id record rejected: Rejected[")
                && l.contains("SECRET_MISMATCH"))).hasSize(3);
    }

    /** Only the Argon2id class may name BouncyCastle's: any other would fail to load, or to run, without it. */
    @Test
    void noClassButArgon2idRefersToBouncyCastle() throws Exception {
        Path classes = Path.of(SecretHashing.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        List<String> referring = new ArrayList<>();
        for (Path file : files) {
            if (read(file).contains("org/bouncycastle/")) {
                referring.add(classes.relativize(file).toString().replace(File.separatorChar, '/'));
            }
        }
        assertThat(referring).containsExactly("dev/pat4j/internal/Argon2id.class");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
