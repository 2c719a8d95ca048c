package dev.pat4j.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a secret lives, never the secret itself: {@code env:NAME} (an environment variable) or
 * {@code file:PATH} (a file, such as a mounted {@code /run/secrets/pepper}). Settings hold secrets
 * (the pepper, the database password) only as references, so that a settings file can be
 * committed, printed and logged. {@link #read()} fetches the value each time it is called.
 *
 * <p>A file must not be readable by every user of the machine: on file systems with POSIX
 * permissions, {@link #read()} refuses a file whose "others" may read it. The value is the file's
 * text (UTF-8) without its trailing line break, or the variable's value, as UTF-8 bytes.
 *
 * <p>Immutable and thread-safe; {@code toString()} is the reference ({@code env:ACME_PEPPER}),
 * which is not secret.
 */
public final class SecretReference {
    /** Where the secret is looked up. Immutable. */
    public enum Kind {
        /** An environment variable: {@code env:NAME}. */
        ENV,
        /** A file: {@code file:PATH}. */
        FILE
    }

    private final Kind kind;
    private final String name;
    private final @Nullable String key;
    private final Map<String, String> env;

    private SecretReference(Kind kind, String name, @Nullable String key, Map<String, String> env) {
        this.kind = kind;
        this.name = name;
        this.key = key;
        this.env = env;
    }

    /**
     * Reads a reference, looking environment variables up in the process's environment.
     *
     * @throws IllegalArgumentException if {@code text} is not {@code env:NAME} or {@code file:PATH}
     */
    public static SecretReference parse(String text) {
        return parse(text, System.getenv());
    }

    /**
     * Reads a reference, looking environment variables up in {@code env} (a snapshot is kept).
     *
     * @throws IllegalArgumentException if {@code text} is not {@code env:NAME} or {@code file:PATH}
     */
    public static SecretReference parse(String text, Map<String, String> env) {
        return parse(null, text, env);
    }

    /** For the settings reader: {@code key} is named in the messages of {@link #read()}. */
    static SecretReference parse(@Nullable String key, String text, Map<String, String> env) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.startsWith("env:")) {
            String variable = t.substring(4);
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw new IllegalArgumentException("env: must be followed by an environment variable's name");
            }
            return new SecretReference(Kind.ENV, variable, key, Map.copyOf(env));
        }
        if (t.startsWith("file:")) {
            String path = t.substring(5);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("file: must be followed by a path");
            }
            try {
                Path.of(path);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("file: must be followed by a path");
            }
            return new SecretReference(Kind.FILE, path, key, Map.of());
        }
        throw new IllegalArgumentException("a secret is given by reference only: env:VARIABLE or file:PATH,"
                + " never as the value itself");
    }

    /** Where the secret is looked up. */
    public Kind kind() {
        return kind;
    }

    /** The environment variable's name or the file's path. */
    public String name() {
        return name;
    }

    /**
     * The secret's bytes, read now. The caller should wipe them when done.
     *
     * @throws SettingsException if the variable is unset or empty, or the file is missing,
     *     unreadable, empty or readable by every user; the message names the reference, never a value
     */
    public byte[] read() {
        if (kind == Kind.ENV) {
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                throw failure("environment variable " + name + " is not set");
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }
        Path path = Path.of(name);
        try {
            refuseWorldReadable(path);
            byte[] bytes = Files.readAllBytes(path);
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            if (end == 0) {
                throw failure("file " + name + " is empty");
            }
            byte[] value = java.util.Arrays.copyOf(bytes, end);
            java.util.Arrays.fill(bytes, (byte) 0);
            return value;
        } catch (NoSuchFileException e) {
            throw failure("file " + name + " does not exist");
        } catch (IOException e) {
            throw failure("file " + name + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The secret as text (UTF-8), read now, for APIs that take a password as a string. */
    public String readString() {
        byte[] bytes = read();
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private void refuseWorldReadable(Path path) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            return; // no POSIX permissions here (Windows): the file system's ACLs are the operator's
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw failure("file " + name + " is readable by every user (" + PosixFilePermissions.toString(permissions)
                    + "): a secret's file must not be; run chmod o-r " + name);
        }
    }

    private SettingsException failure(String problem) {
        return new SettingsException(key, (key == null ? "" : key + ": ") + problem);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SecretReference r && r.kind == kind && r.name.equals(name);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + name.hashCode();
    }

    /** The reference as written, {@code env:NAME} or {@code file:PATH}: never the secret. */
    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + name;
    }
}
