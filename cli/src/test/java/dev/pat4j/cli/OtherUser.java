package dev.pat4j.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs commands as the local user {@code nobody}, the way another person on the machine would:
 * {@code setpriv --reuid=nobody --regid=nogroup --clear-groups}, else {@code runuser -u nobody}
 * (both from util-linux). Needs root. Not root, the test is aborted with a message saying why;
 * root without either program, it fails when {@code CI=true} (CI installs them, so a missing one
 * is a broken build) and is aborted elsewhere: never a silent pass.
 */
final class OtherUser {
    private OtherUser() {
    }

    /** The command prefix that runs what follows it as {@code nobody}. */
    static List<String> prefix(Path probe) throws Exception {
        Object uid = Files.getAttribute(probe, "unix:uid");
        Assumptions.assumeTrue(Integer.valueOf(0).equals(uid), "not run: only root can run a second process as"
                + " another user (nobody), and this JVM runs as uid " + uid + "; CI runs it as root");
        Path setpriv = find("setpriv");
        if (setpriv != null) {
            return List.of(setpriv.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups");
        }
        Path runuser = find("runuser");
        if (runuser != null) {
            return List.of(runuser.toString(), "-u", "nobody", "--");
        }
        String message = "neither setpriv nor runuser is installed: install the Debian package 'util-linux'"
                + " (apt-get install util-linux) to run this test";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: CI must provide it)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static Path find(String program) {
        for (String place : List.of("/usr/bin/" + program, "/usr/sbin/" + program, "/bin/" + program,
                "/sbin/" + program)) {
            if (Files.isExecutable(Path.of(place))) {
                return Path.of(place);
            }
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }
}
