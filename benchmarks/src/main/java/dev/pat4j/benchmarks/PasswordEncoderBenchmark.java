package dev.pat4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The approach Spring Security users fall back to: store the token through a password encoder
 * and {@code matches} it on every request. Only the encoder's {@code matches} is measured (the
 * header parsing and lookup around it are noise at this scale), on secrets of the same token set.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class PasswordEncoderBenchmark {
    /** Few tokens: encoding is as slow as matching, and the encoder's cost does not depend on the count. */
    static final int ENCODED = 8;

    /** Secrets of the token set, encoded once by each encoder. */
    @State(Scope.Benchmark)
    public static class Encoded {
        String[] secrets;
        String[] bcrypt;
        String[] argon2;
        BCryptPasswordEncoder bcryptEncoder;
        Argon2PasswordEncoder argon2Encoder;

        @Setup(Level.Trial)
        public void setup() {
            TokenSet set = TokenSet.generate(ENCODED);
            bcryptEncoder = new BCryptPasswordEncoder(10);
            argon2Encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
            secrets = new String[ENCODED];
            bcrypt = new String[ENCODED];
            argon2 = new String[ENCODED];
            for (int i = 0; i < ENCODED; i++) {
                secrets[i] = new String(set.secret[i], StandardCharsets.US_ASCII);
                bcrypt[i] = bcryptEncoder.encode(secrets[i]);
                argon2[i] = argon2Encoder.encode(secrets[i]);
            }
        }
    }

    @Benchmark
    public boolean bcrypt10Matches(Encoded e, Cursor c) {
        int i = c.next(ENCODED);
        return e.bcryptEncoder.matches(e.secrets[i], e.bcrypt[i]);
    }

    @Benchmark
    public boolean argon2Matches(Encoded e, Cursor c) {
        int i = c.next(ENCODED);
        return e.argon2Encoder.matches(e.secrets[i], e.argon2[i]);
    }
}
