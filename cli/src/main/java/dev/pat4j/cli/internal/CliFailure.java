package dev.pat4j.cli.internal;

/** A refused operation found by the CLI itself (exit 1); its message is the whole error line. */
public final class CliFailure extends RuntimeException {
    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
