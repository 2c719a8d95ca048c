package dev.pat4j.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id through BouncyCastle: the one class of pat4j that refers to BouncyCastle's, so that
 * without it on the class path nothing else fails to load. Callers check
 * {@link BouncyCastle#AVAILABLE} first. Stateless and thread-safe.
 */
final class Argon2id {
    private Argon2id() {
    }

    /** Argon2id (version 1.3) of {@code secret} with {memoryKiB, iterations, parallelism} and the salt: 32 bytes. */
    static byte[] hash(int[] parameters, byte[] salt, byte[] secret) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters[0])
                .withIterations(parameters[1])
                .withParallelism(parameters[2])
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[SecretHasher.HASH_LENGTH];
        generator.generateBytes(secret, out);
        return out;
    }
}
