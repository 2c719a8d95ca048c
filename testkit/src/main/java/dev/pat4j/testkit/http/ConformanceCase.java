package dev.pat4j.testkit.http;

import java.util.List;

/**
 * One row of the conformance table: a request ({@code method}, {@code path} below the mount's
 * base, raw header lines) sent to the strict or the pass-on mount, optionally while the store
 * is down, and the answer every adapter must give. Immutable.
 */
public record ConformanceCase(String name, Mount mount, String method, String path, List<String> headerLines,
                              boolean storeDown, Expected expected) {

    /** Which of the two mounts the request goes to. */
    public enum Mount {
        /** {@code ForeignCredentials.REFUSE}, the default. */
        STRICT,
        /** {@code ForeignCredentials.PASS_ON}. */
        PASS_ON
    }

    public ConformanceCase {
        headerLines = List.copyOf(headerLines);
    }

    @Override
    public String toString() {
        return name;
    }
}
