package dev.pat4j.validation;

/**
 * Why a header was not accepted. For logs and metrics only: responses to clients should not
 * say which check failed.
 * Immutable.
 */
public enum RejectionReason {
    /** No Authorization header, or an empty one. */
    MISSING,
    /** Not a Basic or Bearer credential holding a token of this format (also: oversized, bad base64, bad UTF-8). */
    MALFORMED,
    /** Token-shaped, but its checksum is wrong: a typo or a forgery, rejected before any lookup. */
    BAD_CHECKSUM,
    /** No token has this id. */
    UNKNOWN,
    /** The id exists but the secret does not match. */
    SECRET_MISMATCH,
    /** The token was revoked. */
    REVOKED,
    /** The token is past its expiry. */
    EXPIRED,
    /**
     * The token's owner is not active, as the application's {@link dev.pat4j.owner.OwnerDirectory}
     * said when the token was loaded. Checked once the secret matched, so only the token's holder
     * learns it.
     */
    OWNER_INACTIVE,
    /**
     * The token is bound to another organization than the one the request names, or to one its
     * owner may no longer act in; or it is an all-organization token and its owner may not act
     * in the request's organization.
     */
    WRONG_ORGANIZATION,
    /**
     * The token is bound to one organization and the request names none: refused unless
     * {@link dev.pat4j.Pat4j.Builder#acceptBoundTokensWithoutOrganization(boolean)} says otherwise.
     */
    ORGANIZATION_REQUIRED,
    /** The store could not be reached and the token was not verified in the cache: fail closed. */
    STORE_UNAVAILABLE
}
