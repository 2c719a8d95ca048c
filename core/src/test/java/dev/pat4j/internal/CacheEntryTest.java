package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The validation cache's entries as the hot path lays them out: records that cannot take the
 * inline fast verifier, the entry's own TTL, and the packed id key.
 */
class CacheEntryTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TokenCodec CODEC = new TokenCodec("pat");

    @Test
    void aSha256RecordWithAnUnusualSaltLengthVerifiesBeforeAndAfterItsEntryIsUpgraded() {
        String token = CODEC.generate(RANDOM);
        byte[] salt = new byte[32]; // not the 16 bytes of the inline verifier: takes the slow path first
        RANDOM.nextBytes(salt);
        InMemoryTokenStore store = new InMemoryTokenStore();
        store.insert(record(token, salt, sha256(salt, secretOf(token))));
        try (Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).build()) {
            String wrong = "Bearer " + withSecret(token, "0".repeat(TokenCodec.SECRET_LENGTH));
            assertThat(pat4j.validator().check(wrong, "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, idOf(token)));
            assertThat(pat4j.validator().check("Bearer " + token, "acme").authenticated()).isTrue(); // slow, then upgraded
            assertThat(pat4j.validator().check("Bearer " + token, "acme").authenticated()).isTrue(); // fast verifier
            assertThat(pat4j.validator().check(wrong, "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, idOf(token)));
        }
    }

    @Test
    void anEntryOlderThanTheTtlIsReloadedAndOneWithinItIsNot() throws InterruptedException {
        String token = CODEC.generate(RANDOM);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        FlippingStore store = new FlippingStore();
        store.insert(record(token, salt, sha256(salt, secretOf(token))));
        try (Pat4j longTtl = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog())
                .cacheTtl(Duration.ofMinutes(10)).build();
             Pat4j shortTtl = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog())
                .cacheTtl(Duration.ofMillis(1)).build()) {
            assertThat(longTtl.validator().check("Bearer " + token, "acme").authenticated()).isTrue();
            assertThat(shortTtl.validator().check("Bearer " + token, "acme").authenticated()).isTrue();
            store.revokedView = true; // a change no feed announces: only the TTL bounds it
            Thread.sleep(20);
            assertThat(longTtl.validator().check("Bearer " + token, "acme").authenticated()).isTrue();
            assertThat(shortTtl.validator().check("Bearer " + token, "acme"))
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, idOf(token)));
        }
    }

    @Test
    void keysPackTheIdAndRejectWhatNoTokenCouldHave() {
        TokenKey a = TokenKey.of("AbCdEf012345");
        assertThat(a).isEqualTo(new TokenKey().set("xAbCdEf012345", 1)).hasSameHashCodeAs(TokenKey.of("AbCdEf012345"));
        assertThat(a).isNotEqualTo(TokenKey.of("AbCdEf012346"));
        assertThat(a.toString()).isEqualTo("AbCdEf012345");
        assertThat(TokenKey.of(null)).isNull();
        assertThat(TokenKey.of("short")).isNull();
        assertThat(TokenKey.of("AbCdEf01234\u00e9")).isNull();
        try (Pat4j pat4j = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).build()) {
            ((CacheInvalidator) pat4j.validator()).invalidate("not an id"); // nothing to drop, no failure
        }
    }

    private static StoredToken record(String token, byte[] salt, byte[] hash) {
        Instant now = Instant.now();
        return new StoredToken(idOf(token), "alice", "ci", "acme", "code:read", now, "alice",
                now.plus(Duration.ofDays(1)), null, null, null, salt, hash, SecretHashing.SHA_256, false, 1);
    }

    private static String idOf(String token) {
        return CODEC.id(token, 0);
    }

    private static byte[] secretOf(String token) {
        byte[] secret = new byte[TokenCodec.SECRET_LENGTH];
        CODEC.copySecret(token, 0, secret, 0);
        return secret;
    }

    private static byte[] sha256(byte[] salt, byte[] secret) {
        byte[] out = new byte[SecretHasher.HASH_LENGTH];
        SecretHasher.sha256(SecretHasher.newSha256(), salt, secret, 0, secret.length, out);
        return out;
    }

    /** The same token with another secret and a correct checksum. */
    private static String withSecret(String token, String secret) {
        String body = token.substring(0, CODEC.secretStart()) + secret;
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder(body);
        Base62.appendFixed(sb, crc.getValue(), TokenCodec.CHECKSUM_LENGTH);
        return sb.toString();
    }

    /** An in-memory store whose reads can be switched to show every token revoked, with no change feed. */
    private static final class FlippingStore implements TokenStore {
        private final InMemoryTokenStore delegate = new InMemoryTokenStore();
        volatile boolean revokedView;

        @Override
        public Optional<StoredToken> find(String id) {
            return delegate.find(id).map(t -> revokedView ? t.withRevocation(Instant.now(), "admin") : t);
        }

        @Override
        public void insert(StoredToken token) {
            delegate.insert(token);
        }

        @Override
        public List<StoredToken> findByOwner(String owner) {
            return delegate.findByOwner(owner);
        }

        @Override
        public List<StoredToken> findExpiring(Instant from, Instant to) {
            return delegate.findExpiring(from, to);
        }

        @Override
        public int countActive(String owner, Instant now) {
            return delegate.countActive(owner, now);
        }

        @Override
        public boolean update(StoredToken next) {
            return delegate.update(next);
        }

        @Override
        public boolean claimExpiryNotice(String id, Instant expiresAt) {
            return delegate.claimExpiryNotice(id, expiresAt);
        }

        @Override
        public void recordLastUsed(Map<String, Instant> lastUsed) {
            delegate.recordLastUsed(lastUsed);
        }

        @Override
        public long changeHead() {
            return delegate.changeHead();
        }

        @Override
        public List<TokenChange> changesSince(long after, int limit) {
            return delegate.changesSince(after, limit);
        }
    }
}
