package dev.pat4j.cli.internal;

/**
 * Opens token stores on JDBC databases. Interim: the JDBC store (issue 3) has not landed on
 * main yet, so opening a database is refused with a clear message instead of pretending.
 */
public final class JdbcDatabases implements Databases {
    @Override
    public OpenStore open(DatabaseLocation location) {
        throw new CliFailure("this build has no JDBC token store yet (pat4j issue 3); cannot open "
                + location.displayUrl());
    }
}
