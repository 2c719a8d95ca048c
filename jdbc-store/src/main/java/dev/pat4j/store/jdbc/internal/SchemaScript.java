package dev.pat4j.store.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A SQL script shipped as a class-path resource, such as one of pat4j's migrations: statements
 * end with a semicolon at the end of a line, and lines starting with {@code --} are comments
 * (so the Liquibase header and changeset lines of a migration are skipped). Deliberately that
 * simple, since pat4j writes these scripts itself. Immutable, hence thread-safe.
 */
public final class SchemaScript {
    private final String resource;
    private final String checksum;
    private final List<String> statements;

    private SchemaScript(String resource, String text) {
        this.resource = resource;
        this.checksum = checksum(text);
        this.statements = parse(text);
    }

    /**
     * Loads {@code resource}, a path from the class-path root such as
     * {@code META-INF/pat4j/db/h2/V1__token_store.sql}. Resources under {@code META-INF} are
     * never encapsulated by the module system, so this works from a jar on the class path and
     * on the module path alike.
     */
    public static SchemaScript load(String resource) {
        ClassLoader loader = SchemaScript.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + resource + " is missing from the class path");
            }
            return new SchemaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema script " + resource, e);
        }
    }

    /** A script of {@code text} (for tests and fixtures), named {@code resource} in messages. */
    public static SchemaScript of(String resource, String text) {
        return new SchemaScript(resource, text);
    }

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(line);
            if (trimmed.endsWith(";")) {
                current.setLength(current.length() - (line.length() - line.stripTrailing().length()) - 1);
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return List.copyOf(out);
    }

    /**
     * The lower-case hex SHA-256 of the script's UTF-8 text with LF line endings and no byte
     * order mark: the same on every platform, whatever a checkout did to line endings.
     */
    static String checksum(String text) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The class-path resource the script was read from. */
    public String resource() {
        return resource;
    }

    /** See {@link #checksum(String)}. */
    public String checksum() {
        return checksum;
    }

    /** The statements, in order. */
    public List<String> statements() {
        return statements;
    }

    /** Executes every statement on {@code c} (the caller owns the transaction). */
    public void run(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    public String toString() {
        return "SchemaScript[" + resource + ", " + statements.size() + " statements]";
    }
}
