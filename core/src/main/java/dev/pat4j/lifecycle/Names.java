package dev.pat4j.lifecycle;

/** Validation of the free-text fields of a token (owner, name, organization, actor) and of search text. */
final class Names {
    static final int MAX_NAME = 256;

    private Names() {
    }

    static String requireText(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        requireSearchText(what, value, max);
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(what + " must not start or end with white space");
        }
        return value;
    }

    /** Bounded, printable text: no control characters, no bidirectional overrides; white space anywhere. */
    static String requireSearchText(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " must not contain control characters");
            }
            if (isBidiControl(c)) {
                throw new IllegalArgumentException(what + " must not contain bidirectional control characters");
            }
        }
        return value;
    }

    /**
     * The embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) that make text
     * display in another order than it reads ("Trojan Source"): a name shown in a list must look
     * like what it is.
     */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
