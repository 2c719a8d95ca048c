package dev.pat4j.validation;

import org.jspecify.annotations.Nullable;

/**
 * Turns an HTTP {@code Authorization} header into a {@link ValidationResult}. Accepts
 * {@code Bearer <token>} and {@code Basic base64(user:token)} with any user name (also the
 * token as user name with an empty or equal password); scheme names are case-insensitive.
 * Built once by {@link dev.pat4j.Pat4j}, thread-safe, and never throws.
 */
public interface TokenValidator {

    /**
     * Validates a header for a request that names no organization, as {@code check(header, null)}
     * does: a token bound to one organization is rejected ({@link RejectionReason#ORGANIZATION_REQUIRED})
     * unless the instance was built with
     * {@link dev.pat4j.Pat4j.Builder#acceptBoundTokensWithoutOrganization(boolean)}.
     * {@code header} may be null.
     */
    ValidationResult check(@Nullable String header);

    /**
     * Validates a header for a request made in {@code organization}: a token bound to another
     * organization is rejected ({@link RejectionReason#WRONG_ORGANIZATION}). A null organization
     * means the request names none: then a token bound to one organization is rejected
     * ({@link RejectionReason#ORGANIZATION_REQUIRED}, fail closed) unless the instance was built with
     * {@link dev.pat4j.Pat4j.Builder#acceptBoundTokensWithoutOrganization(boolean)}; an
     * all-organization token is accepted either way.
     */
    ValidationResult check(@Nullable String header, @Nullable String organization);

    /**
     * Validates a bare token (as a command-line tool receives it) rather than a header, with the
     * organization rules of {@link #check(String, String)}.
     */
    ValidationResult checkToken(@Nullable String token, @Nullable String organization);
}
