package dev.pat4j.internal;

/**
 * Whether BouncyCastle, pat4j-core's optional dependency for Argon2id, is on the class path.
 * Asked by name without initializing anything, so this class, and every class that asks it,
 * loads and runs without BouncyCastle; only {@link Argon2id} refers to its classes. Immutable.
 */
public final class BouncyCastle {
    /** The dependency to add, as a build file names it. */
    public static final String DEPENDENCY = "org.bouncycastle:bcprov-jdk18on";

    /** Whether Argon2id can be computed here; decided once, since a class path does not gain classes. */
    public static final boolean AVAILABLE = probe();

    private BouncyCastle() {
    }

    /** What to tell an application that asked for Argon2id without BouncyCastle. */
    public static String missingMessage() {
        return "Argon2id needs BouncyCastle, which is not on the class path: add the dependency " + DEPENDENCY
                + " (pat4j-core declares it optional)";
    }

    private static boolean probe() {
        try {
            // The loader of pat4j itself: the one Argon2id's references to BouncyCastle resolve through.
            Class.forName("org.bouncycastle.crypto.generators.Argon2BytesGenerator", false,
                    BouncyCastle.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
