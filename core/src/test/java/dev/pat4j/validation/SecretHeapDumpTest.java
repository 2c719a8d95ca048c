package dev.pat4j.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.pat4j.Pat4j;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No copy of a token's secret outlives the checks that read it: a token is issued and checked
 * (Bearer and Basic, a cache miss and hits) inside a method that keeps nothing of it but its id
 * and a masked copy, then the live heap is dumped ({@code HotSpotDiagnosticMXBean.dumpHeap} with
 * {@code live = true}, so only reachable objects) and searched for the secret as Latin-1 bytes
 * and as UTF-16 in both byte orders, and for the Base64 of the Basic credential. What must have
 * been wiped lives on: the per-thread parsing buffers, the secret block and the per-thread
 * SHA-256 engine, whose {@code digest()} keeps the last block until it is reset. Runs in its own
 * JVM with a small heap (core's pom, execution {@code heap-dump}); the dump is deleted.
 */
class SecretHeapDumpTest {
    private static final String BASIC_USER = "ci";

    @TempDir
    Path dir;

    /** The token, XOR-masked so the test itself holds no copy of it while the heap is dumped. */
    private record Masked(String id, byte[] token, byte[] mask) {
        String unmask() {
            byte[] clear = new byte[token.length];
            for (int i = 0; i < clear.length; i++) {
                clear[i] = (byte) (token[i] ^ mask[i]);
            }
            return new String(clear, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theLiveHeapHoldsNoCopyOfTheSecretAfterBasicAndBearerChecks() throws Exception {
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(new InMemoryTokenStore())
                .build()) {
            assertNoCopyInTheLiveHeap(issueAndCheck(pat4j));
        }
    }

    /**
     * The slow path too: a record hashed with HMAC, met by a node configured for SHA-256, is
     * verified against its stored hash (the secret copied out of the block), upgraded to a fast
     * verifier and re-hashed in the background; the bare-token entry point is used as well.
     */
    @Test
    void theLiveHeapHoldsNoCopyOfTheSecretAfterASlowVerificationAndARehash() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        byte[] pepper = "pepper-0123456789-0123456789-abcdef".getBytes(StandardCharsets.US_ASCII);
        SecretHashing hmac = SecretHashing.hmacSha256(pepper);
        try (Pat4j hmacNode = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(store).hashing(hmac).build();
             Pat4j shaNode = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(store)
                     .hashing(SecretHashing.sha256().withLegacyPepper(pepper)).build()) {
            Masked masked = issueAndCheckBare(hmacNode, shaNode);
            assertThat(Fixtures.eventually(Duration.ofSeconds(30),
                    () -> SecretHashing.SHA_256.equals(store.find(masked.id()).orElseThrow().hashAlgorithm())))
                    .as("the record was re-hashed to SHA-256").isTrue();
            assertNoCopyInTheLiveHeap(masked);
        }
    }

    private void assertNoCopyInTheLiveHeap(Masked masked) throws Exception {
        Path dump = dir.resolve("live.hprof");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
            byte[] heap = Files.readAllBytes(dump);
            String token = masked.unmask();
            String secret = token.substring(token.length() - 6 - 32, token.length() - 6);
            String basic = Base64.getEncoder().encodeToString(
                    (BASIC_USER + ":" + token).getBytes(StandardCharsets.US_ASCII));
            assertThat(heap.length).as("a real dump").isGreaterThan(1_000_000);
            assertThat(indexOf(heap, masked.id().getBytes(StandardCharsets.ISO_8859_1)))
                    .as("the scan finds what is there: the token's id is cached").isNotNegative();
            List<String> found = new ArrayList<>();
            for (String[] needle : List.of(new String[] {"the secret", secret},
                    new String[] {"the Basic credential", basic})) {
                for (Charset cs : List.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16BE,
                        StandardCharsets.UTF_16LE)) {
                    if (indexOf(heap, needle[1].getBytes(cs)) >= 0) {
                        found.add(needle[0] + " in " + cs);
                    }
                }
            }
            assertThat(found).as("copies of the secret in the live heap").isEmpty();
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Issues a token on one node and checks it on the other, bare and as Bearer; keeps only its id and a masked copy. */
    private static Masked issueAndCheckBare(Pat4j issuer, Pat4j checker) {
        IssuedToken issued = issuer.tokens().create(NewToken.builder("alice", "heap").allOrganizations()
                .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));
        String token = issued.token();
        for (int i = 0; i < 3; i++) {
            assertThat(checker.validator().checkToken(" " + token + " ", null).authenticated()).isTrue();
            assertThat(checker.validator().check("Bearer " + token).authenticated()).isTrue();
        }
        return mask(issued.info().id(), token);
    }

    /** Issues a token, checks it every way, and keeps nothing of it but its id and a masked copy. */
    private static Masked issueAndCheck(Pat4j pat4j) {
        IssuedToken issued = pat4j.tokens().create(NewToken.builder("alice", "heap").allOrganizations()
                .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));
        String token = issued.token();
        for (int i = 0; i < 3; i++) {
            assertThat(pat4j.validator().check("Bearer " + token).authenticated()).isTrue();
            String credential = Base64.getEncoder().encodeToString(
                    (BASIC_USER + ":" + token).getBytes(StandardCharsets.US_ASCII));
            assertThat(pat4j.validator().check("Basic " + credential).authenticated()).isTrue();
        }
        return mask(issued.info().id(), token);
    }

    private static Masked mask(String id, String token) {
        byte[] clear = token.getBytes(StandardCharsets.ISO_8859_1);
        byte[] mask = new byte[clear.length];
        new SecureRandom().nextBytes(mask);
        for (int i = 0; i < clear.length; i++) {
            clear[i] ^= mask[i];
        }
        return new Masked(id, clear, mask);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
