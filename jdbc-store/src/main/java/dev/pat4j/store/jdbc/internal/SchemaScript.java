package dev.pat4j.store.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema script shipped as a class-path resource: statements end with a semicolon at the end
 * of a line, and lines starting with {@code --} are comments. Deliberately that simple, since
 * pat4j writes these scripts itself.
 */
public final class SchemaScript {
    private final String resource;
    private final List<String> statements;

    private SchemaScript(String resource, List<String> statements) {
        this.resource = resource;
        this.statements = statements;
    }

    /** Loads {@code name} relative to {@code anchor}'s package. */
    public static SchemaScript load(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + name + " is missing from the class path");
            }
            return new SchemaScript(name, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema script " + name, e);
        }
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
