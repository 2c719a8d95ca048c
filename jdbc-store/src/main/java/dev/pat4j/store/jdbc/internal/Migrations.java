package dev.pat4j.store.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions of pat4j's schema this jar ships, oldest first, and where their files are.
 *
 * <p>The list is written out here rather than found by listing the migration folder: listing a
 * class-path directory does not work inside jars in general nor on the module path. A test
 * checks that this list, the files in each dialect's folder and each Liquibase changelog agree.
 * To change the schema, append a version here, add its {@code V<n>__<name>.sql} to every
 * dialect's folder and an {@code <include>} to every changelog; never edit a released one.
 * Stateless, hence thread-safe.
 */
public final class Migrations {
    /** Version n is {@code NAMES.get(n - 1)}; its file is {@code V<n>__<name>.sql}. */
    private static final List<String> NAMES = List.of(
            "token_store",
            "owner_listing_index",
            "token_created_via");

    private Migrations() {
    }

    /** The newest version this jar knows. */
    public static int latest() {
        return NAMES.size();
    }

    /** The file names of every version, oldest first: {@code V1__token_store.sql}, ... */
    public static List<String> fileNames() {
        List<String> out = new ArrayList<>();
        for (int v = 1; v <= NAMES.size(); v++) {
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
        for (int v = 1; v <= NAMES.size(); v++) {
            // Flyway's description: the name after "__", underscores as spaces
            String description = NAMES.get(v - 1).replace('_', ' ');
            out.add(new Migration(v, description, SchemaScript.load(folder + "/" + fileName(v))));
        }
        return List.copyOf(out);
    }

    private static String fileName(int version) {
        return "V" + version + "__" + NAMES.get(version - 1) + ".sql";
    }
}
