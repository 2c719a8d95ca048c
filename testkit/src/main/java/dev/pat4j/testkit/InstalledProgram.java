package dev.pat4j.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program the tests drive (nginx, git, curl). Missing, it fails the test when
 * {@code CI=true} (CI installs it, so a missing one is a broken build) and elsewhere aborts it
 * with an assumption naming the Debian package to install: never a silent pass. Stateless.
 */
public final class InstalledProgram {
    private InstalledProgram() {
    }

    /**
     * The program's path: the first of {@code usualPlaces} that is executable, else the first on
     * {@code PATH}.
     */
    public static Path require(String program, String debianPackage, String... usualPlaces) {
        for (String place : usualPlaces) {
            Path path = Path.of(place);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        String pathVariable = System.getenv("PATH");
        for (String dir : List.of((pathVariable == null ? "" : pathVariable).split(File.pathSeparator))) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        String message = program + " is not installed: install the Debian package '" + debianPackage
                + "' (apt-get install " + debianPackage + ") to run this test";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: CI must provide it)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
