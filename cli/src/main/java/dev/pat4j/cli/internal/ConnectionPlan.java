package dev.pat4j.cli.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link JdbcDatabases} connects to a location, decided before it connects. An embedded H2
 * file is shared with other processes ({@code AUTO_SERVER=TRUE}: the first one serves it to the
 * others on a loopback port) only behind a password, since any local user can reach that port
 * and read the key in the lock file when its folder lets them:
 * <ul>
 *   <li>credentials given (settings, environment, the URL's {@code PASSWORD}) are used as they
 *       are; a non-empty password is shared;</li>
 *   <li>otherwise an H2 file of pat's own gets the password pat keeps beside it, made on first
 *       use: the default database in {@code ./pat-data/}, a database pat creates now, or one
 *       that already has such a file. Its files (and {@code ./pat-data/}) are private and H2
 *       writes no trace file;</li>
 *   <li>any other H2 file (an application's, made without a password) is opened alone, as it is.</li>
 * </ul>
 * Immutable.
 *
 * @param url the URL to open
 * @param user the user, or null for the driver's default
 * @param password the password, or null for none
 * @param files the H2 files to make private again once H2 has created its own, or null
 * @param soloUrl for a database of pat's own that existed already: the URL without
 *     {@code AUTO_SERVER}, where a database of pat 0.1 (the empty password) gets its password; else null
 */
record ConnectionPlan(String url, @Nullable String user, @Nullable String password, @Nullable H2Files files,
                      @Nullable String soloUrl) {

    /**
     * The plan for {@code location}; makes pat's own folder and files private and its password
     * file if there is none yet, but creates nothing for a database that does not exist when
     * {@code create} is false.
     *
     * @throws CliFailure if the URL asks for {@code AUTO_SERVER=TRUE} without a password
     */
    static ConnectionPlan of(DatabaseLocation location, boolean create) {
        String url = location.url();
        if (!DatabaseLocation.isEmbeddedH2File(url)) {
            return new ConnectionPlan(url, location.user(), location.password(), null, null);
        }
        H2Url h2 = H2Url.parse(url);
        Optional<H2Files> found = H2Files.of(h2, location.isDefault());
        boolean exists = found.map(H2Files::exists).orElse(true);
        if (!exists && !create) { // it will be reported missing: nothing is made for it
            return new ConnectionPlan(existingOnly(url), location.user(), location.password(), null, null);
        }
        String opened = create ? url : existingOnly(url);
        String given = location.password() != null ? location.password() : h2.value("PASSWORD").orElse(null);
        if (given != null) {
            H2Files ownFolder = found.filter(H2Files::wholeFolder).orElse(null);
            if (ownFolder != null) {
                ownFolder.makePrivate();
            }
            String chosen = withSafeTrace(given.isEmpty() ? alone(opened, location) : shared(opened), ownFolder);
            return new ConnectionPlan(chosen, location.user(), location.password(), ownFolder, null);
        }
        H2Files files = found.filter(f -> f.wholeFolder() || !exists || Files.exists(f.passwordFile(), LinkOption.NOFOLLOW_LINKS))
                .orElse(null);
        if (files == null) {
            return new ConnectionPlan(alone(opened, location), location.user(), null, null, null);
        }
        files.makePrivate();
        String password = DatabasePassword.readOrCreate(files.passwordFile());
        // never served while it may still have the empty password
        String solo = exists ? withSafeTrace(H2Url.withoutSetting(opened, "AUTO_SERVER"), files) : null;
        return new ConnectionPlan(withSafeTrace(shared(opened), files), location.user(), password, files, solo);
    }

    /** This plan's URL with H2's {@code AUTO_SERVER} forced on, for reaching a database another process serves. */
    static String shared(String url) {
        return H2Url.withSetting(url, "AUTO_SERVER", "TRUE");
    }

    /** An H2 file must exist: H2 does not create it. */
    static String existingOnly(String url) {
        return H2Url.withSetting(url, "IFEXISTS", "TRUE");
    }

    /** Where pat keeps the files private, H2 writes no trace file (it would follow the umask). */
    private static String withSafeTrace(String url, @Nullable H2Files files) {
        return files == null ? url : H2Url.withSetting(url, "TRACE_LEVEL_FILE", "0");
    }

    /** An H2 file without a password is never served to other processes. */
    private static String alone(String url, DatabaseLocation location) {
        if (H2Url.parse(url).value("AUTO_SERVER").filter(v -> v.equalsIgnoreCase("TRUE")).isPresent()) {
            throw new CliFailure(location.displayUrl() + ": AUTO_SERVER=TRUE needs a database password, since every"
                    + " local user can reach the server it starts; give the password with pat4j.store.password or"
                    + " $PAT_DB_PASSWORD, or leave AUTO_SERVER out");
        }
        return url;
    }

    @Override
    public String toString() {
        return "ConnectionPlan[" + DatabaseLocation.masked(url) + "]"; // never the password
    }
}
