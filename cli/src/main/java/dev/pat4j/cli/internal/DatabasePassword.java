package dev.pat4j.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The password pat keeps for an H2 file database of its own, in a private file beside it
 * ({@code pat-data/pat.password}): 32 bytes from {@link SecureRandom} (256 bits), URL-safe
 * Base64, made on first use. Stateless.
 */
final class DatabasePassword {
    static final String SUFFIX = ".password";
    private static final int BYTES = 32;

    private DatabasePassword() {
    }

    /** The file holding the password of the H2 database whose files start with {@code base}. */
    static Path fileOf(Path base) {
        return base.resolveSibling(base.getFileName() + SUFFIX);
    }

    /**
     * The password in {@code file}, made and written there first if there is none (by this
     * process or, if two race, by whichever links its file first: both then read that one).
     *
     * @throws CliFailure if the file is no regular file, or empty
     */
    static String readOrCreate(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            PrivateFiles.createAtomically(file, generate().getBytes(StandardCharsets.US_ASCII));
        }
        return read(file);
    }

    static String generate() {
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliFailure("the database password file " + file + " is not a regular file");
        }
        String password;
        try {
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliFailure("cannot read the database password file " + file, e);
        }
        if (password.isEmpty()) {
            throw new CliFailure("the database password file " + file + " is empty");
        }
        return password;
    }
}
