package dev.pat4j.notice;

/**
 * What one {@link Notices#deliverDue()} did. Immutable.
 *
 * @param delivered notices marked delivered: every sender that sends their kind succeeded (a
 *     notice of a kind no sender sends, or about a token the store no longer has, counts here:
 *     nothing is left to do for it)
 * @param failed notices that some sender did not deliver: retried after their backoff
 */
public record DeliveryReport(int delivered, int failed) {
    /** Nothing was claimed. */
    public static final DeliveryReport NONE = new DeliveryReport(0, 0);

    public DeliveryReport {
        if (delivered < 0 || failed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** How many notices were attempted. */
    public int attempted() {
        return delivered + failed;
    }
}
