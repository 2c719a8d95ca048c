package dev.pat4j.benchmarks;

import dev.pat4j.internal.SecretHasher;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor: each primitive a cache-hit check cannot avoid, measured alone on the same tokens
 * the validator sees, in the same order ({@link Cursor}), with each input where a check finds
 * it: what the request brings (the token's bytes, its secret and id, the computed digest) at hand,
 * what a cache holds (salt, stored hash, the map of every id) at random. A Bearer hit's floor is
 * CRC32 + SHA-256 + compare + map lookup; a Basic hit adds the base64 decode.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = BenchmarkDefaults.RATIO_FORKS, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class FloorBenchmark {

    /** The token set and a map of the cache's size and key type. */
    @State(Scope.Benchmark)
    public static class Inputs {
        @Param({"1000", "100000"})
        public int tokens;

        TokenSet set;
        Requests requests;
        ConcurrentHashMap<String, Object> map;

        @Setup(Level.Trial)
        public void setup() {
            set = TokenSet.generate(tokens);
            requests = Requests.of(set);
            map = new ConcurrentHashMap<>();
            for (int i = 0; i < tokens; i++) {
                map.put(set.ids[i], new Object());
            }
            BenchmarkDefaults.settleHeap();
        }
    }

    /** Per-thread work space, as the validator keeps it. */
    @State(Scope.Thread)
    public static class Scratch {
        final CRC32 crc = new CRC32();
        final MessageDigest sha = SecretHasher.newSha256();
        final byte[] digest = new byte[SecretHasher.HASH_LENGTH];
        final byte[] decoded = new byte[256];
        final Base64.Decoder decoder = Base64.getDecoder();
    }

    @Benchmark
    public int base64Decode(Inputs in, Scratch s, Cursor c) {
        return s.decoder.decode(in.requests.basicPayload[c.next(in.tokens)], s.decoded);
    }

    @Benchmark
    public long crc32(Inputs in, Scratch s, Cursor c) {
        byte[] body = in.requests.body[c.next(in.tokens)];
        s.crc.reset();
        s.crc.update(body, 0, body.length);
        return s.crc.getValue();
    }

    @Benchmark
    public byte[] sha256(Inputs in, Scratch s, Cursor c) {
        int p = c.next(in.tokens);
        byte[] secret = in.requests.secret[p];
        SecretHasher.sha256(s.sha, in.set.salt[in.requests.token[p]], secret, 0, secret.length, s.digest);
        return s.digest;
    }

    @Benchmark
    public boolean constantTimeEquals(Inputs in, Cursor c) {
        int p = c.next(in.tokens);
        return MessageDigest.isEqual(in.set.hash[in.requests.token[p]], in.requests.digest[p]);
    }

    @Benchmark
    public Object mapGet(Inputs in, Cursor c) {
        return in.map.get(in.requests.id[c.next(in.tokens)]);
    }

    /**
     * Not part of the floor's sum, which the issue defines: the clock read every check makes for
     * the expiry test (and the cache's TTL). Measured to explain the difference.
     */
    @Benchmark
    public long clockMillis() {
        return System.currentTimeMillis();
    }
}
