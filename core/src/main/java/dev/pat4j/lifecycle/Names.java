package dev.pat4j.lifecycle;

/** Validation of the free-text fields of a token (owner, name, organization, actor). */
final class Names {
    static final int MAX_NAME = 256;

    private Names() {
    }

    static String requireText(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain control characters");
            }
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(what + " must not start or end with white space");
        }
        return value;
    }
}
