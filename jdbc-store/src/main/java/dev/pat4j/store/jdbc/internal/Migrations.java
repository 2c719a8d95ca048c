package dev.pat4j.store.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The versions of pat4j's schema this jar ships, oldest first, and where their files are.
 *
 * <p>The list is written out here rather than found by listing the migration folder: listing a
 * class-path directory does not work inside jars in general nor on the module path. A test
 * checks that this list, the files in each dialect's folder and each Liquibase changelog agree.
 * To change the schema, add a version here, add its {@code V<n>__<name>.sql} to every
 * dialect's folder and an {@code <include>} to every changelog; never edit a released one.
 * Versions are numbered explicitly, since two changes developed side by side take their numbers
 * in advance: a number may be missing until the change that took it arrives (every runner
 * applies the present ones in order). Stateless, hence thread-safe.
 */
public final class Migrations {
    /** Version to name; the file of version n is {@code V<n>__<name>.sql}. */
    private static final SortedMap<Integer, String> NAMES = new TreeMap<>(Map.of(
            1, "token_store",
            2, "owner_listing_index",
            3, "token_created_via",
            4, "settings_fingerprint",
            6, "token_paging_indexes",
            7, "notice_outbox"));

    private Migrations() {
    }

    /** The newest version this jar knows. */
    public static int latest() {
        return NAMES.lastKey();
    }

    /** Every version this jar ships, oldest first. */
    public static List<Integer> versions() {
        return List.copyOf(NAMES.keySet());
    }

    /** The file names of every version, oldest first: {@code V1__token_store.sql}, ... */
    public static List<String> fileNames() {
        List<String> out = new ArrayList<>();
        for (int v : NAMES.keySet()) {
            out.add(fileName(v));
        }
        return List.copyOf(out);
    }

    /**
     * Every version with its script, loaded from {@code folder} (such as
     * {@code META-INF/pat4j/db/h2}).
     *
     * @throws IllegalStateException if a script is missing from the class path
     */
    public static List<Migration> load(String folder) {
        List<Migration> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            // Flyway's description: the name after "__", underscores as spaces
            String description = e.getValue().replace('_', ' ');
            out.add(new Migration(e.getKey(), description, SchemaScript.load(folder + "/" + fileName(e.getKey()))));
        }
        return List.copyOf(out);
    }

    private static String fileName(int version) {
        return "V" + version + "__" + NAMES.get(version) + ".sql";
    }
}
