package dev.pat4j.cli.internal;

import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** {@code --expires-in D | --expires DATE}, mutually exclusive. */
public final class ExpiryOptions {
    @Option(names = "--expires-in", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "Lifespan from now: 90m, 12h, 30d.")
    Duration expiresIn;

    @Option(names = "--expires", paramLabel = "DATE", converter = TimeArguments.ExpiryConverter.class,
            description = "Expiry: 2027-01-31 (end of that day, UTC) or an instant such as 2027-01-31T12:00:00Z.")
    Instant expires;

    /** The expiry these options ask for, given the current time. */
    Instant expiryFrom(Instant now) {
        return expires != null ? expires : now.plus(expiresIn);
    }
}
