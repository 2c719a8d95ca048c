package dev.pat4j.http;

/**
 * What {@link RequestGate} does with a credential that is not a pat4j token: a well-formed
 * {@code Basic} credential whose user name and password both lack the token prefix
 * ({@code pat_…}, any case), or a single {@code Bearer} value without it (a JWT, say). A
 * credential that carries the prefix is pat4j's, and if it fails validation it is refused under
 * either policy: it is never handed to another mechanism. Two {@code Authorization} headers,
 * another scheme, or a value that is not well formed are refused under either policy as well.
 * Immutable.
 */
public enum ForeignCredentials {
    /** Refused with 401 like any bad credential: pat4j is the only authentication on its paths. The default. */
    REFUSE,
    /**
     * Passed on unauthenticated ({@link Decision.PassOn}) to the next mechanism on the same path,
     * which then authenticates <em>and authorizes</em> the request: pat4j's rules (path rules,
     * {@code @RequiresScope}) do not apply to it, except {@code deny} rules. Turn it on only
     * where another mechanism refuses what it cannot authenticate.
     */
    PASS_ON
}
