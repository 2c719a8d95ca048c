package dev.pat4j.cli.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer (objects, arrays, strings, booleans, whole numbers, null) that escapes every
 * string per RFC 8259, so names and organizations with quotes or odd characters stay valid.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final Deque<Boolean> firstInScope = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter beginObject() {
        separate();
        out.append('{');
        firstInScope.push(true);
        return this;
    }

    public JsonWriter endObject() {
        firstInScope.pop();
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        separate();
        out.append('[');
        firstInScope.push(true);
        return this;
    }

    public JsonWriter endArray() {
        firstInScope.pop();
        out.append(']');
        return this;
    }

    /** Writes a member name; the next value belongs to it. */
    public JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /** A string, or null. */
    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    /** Writes {@code name: value} with a string (or null) value. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!firstInScope.isEmpty()) {
            if (!firstInScope.peek()) {
                out.append(',');
            }
            firstInScope.pop();
            firstInScope.push(false);
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // control characters must be escaped; U+2028/9 and lone surrogates too, for
                    // consumers that embed the output in JavaScript or re-encode it
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !validSurrogatePair(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogatePair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
