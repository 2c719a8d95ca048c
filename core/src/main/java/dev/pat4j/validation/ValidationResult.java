package dev.pat4j.validation;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link TokenValidator#check}: either {@link Authenticated} with the principal,
 * or {@link Rejected} with the reason (and the token id when the header got that far).
 * Immutable values.
 */
public sealed interface ValidationResult permits ValidationResult.Authenticated, ValidationResult.Rejected {

    /** Whether the header authenticated. */
    boolean authenticated();

    /** A valid token. */
    record Authenticated(TokenPrincipal principal) implements ValidationResult {
        @Override
        public boolean authenticated() {
            return true;
        }
    }

    /** A refused header; {@code tokenId} is null when no id could be read from it. */
    record Rejected(RejectionReason reason, @Nullable String tokenId) implements ValidationResult {
        @Override
        public boolean authenticated() {
            return false;
        }
    }
}
