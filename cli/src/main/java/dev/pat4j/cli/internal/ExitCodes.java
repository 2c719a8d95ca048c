package dev.pat4j.cli.internal;

/** The exit codes of every pat command. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A token was rejected, a token was found by the scanner, or the operation was refused. */
    public static final int REFUSED = 1;
    /** The command line was wrong: unknown option, missing or malformed argument. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
