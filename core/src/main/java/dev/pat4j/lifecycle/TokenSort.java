package dev.pat4j.lifecycle;

/**
 * The order of a {@link TokenQuery}'s results. Every order ends with the token id as a tie-break,
 * so it is total and a page cursor names one position exactly:
 * <ul>
 * <li>{@link #CREATED_NEWEST}: creation time descending, then id descending;</li>
 * <li>{@link #CREATED_OLDEST}: creation time ascending, then id ascending;</li>
 * <li>{@link #EXPIRES_SOONEST}: expiry ascending, then id ascending;</li>
 * <li>{@link #NAME}: name ascending, case-sensitively by character value (so {@code "Zeta"} comes
 * before {@code "alpha"}; a client wanting a locale's order sorts a page itself), then id ascending.</li>
 * </ul>
 * Immutable.
 */
public enum TokenSort {
    CREATED_NEWEST, CREATED_OLDEST, EXPIRES_SOONEST, NAME
}
