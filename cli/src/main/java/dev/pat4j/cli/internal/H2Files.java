package dev.pat4j.cli.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of an embedded H2 database whose names start with {@code base}: H2's data file
 * ({@code .mv.db}), the lock file that names the port and key of its automatic server
 * ({@code .lock.db}), its trace and temporary files, and the password pat keeps beside them
 * ({@code .password}). Immutable.
 *
 * @param base the database path without H2's suffixes, absolute
 * @param wholeFolder whether the folder is pat's own ({@code ./pat-data/}): then the folder and
 *     every file in it are private; otherwise only the database's own files are
 */
record H2Files(Path base, boolean wholeFolder) {
    private static final String DATA_SUFFIX = ".mv.db";
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:[\\\\/].*");

    /**
     * The files of {@code url}'s database, if it is an embedded file whose path H2 takes as it is
     * (not in memory, not over TCP, not behind a file system prefix such as {@code nio:}).
     */
    static Optional<H2Files> of(H2Url url, boolean wholeFolder) {
        String name = url.name();
        if (name.toLowerCase(Locale.ROOT).startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isEmpty() || name.indexOf(':') >= 0 && !WINDOWS_DRIVE.matcher(name).matches()) {
            return Optional.empty();
        }
        if (name.equals("~") || name.startsWith("~/") || name.startsWith("~\\")) {
            name = System.getProperty("user.home") + name.substring(1); // as H2 expands it
        }
        Path base = Path.of(name).toAbsolutePath().normalize();
        return base.getFileName() == null ? Optional.empty() : Optional.of(new H2Files(base, wholeFolder));
    }

    Path folder() {
        return base.getParent();
    }

    Path passwordFile() {
        return DatabasePassword.fileOf(base);
    }

    /** Whether H2's data file is there. */
    boolean exists() {
        return Files.exists(base.resolveSibling(base.getFileName() + DATA_SUFFIX), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes the folder private (pat's own folder always; another one only when it is created
     * here, since it may be shared) and the files already there.
     */
    void makePrivate() {
        if (wholeFolder || !Files.isDirectory(folder())) {
            PrivateFiles.folder(folder());
        }
        restrict();
    }

    /** Makes the files private again, after H2 has made its own (which follow the umask). */
    void restrict() {
        String prefix = base.getFileName().toString() + ".";
        PrivateFiles.files(folder(), wholeFolder ? name -> true : name -> isDatabaseFile(prefix, name));
    }

    private static boolean isDatabaseFile(String prefix, String name) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        String suffix = name.substring(prefix.length());
        return suffix.equals("mv.db") || suffix.equals("lock.db") || suffix.equals("trace.db")
                || suffix.equals("password") || suffix.equals("mv.db.tempFile") || suffix.matches("\\d+\\.temp\\.db");
    }
}
