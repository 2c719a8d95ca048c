package dev.pat4j.lifecycle;

/**
 * A request broke a rule of the {@link TokenPolicy}; the message names the rule and its limit.
 * Immutable.
 */
public final class PolicyViolationException extends TokenException {
    private final PolicyRule rule;

    public PolicyViolationException(PolicyRule rule, String message) {
        super("policy " + rule + ": " + message);
        this.rule = rule;
    }

    public PolicyRule rule() {
        return rule;
    }
}
