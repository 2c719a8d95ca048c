package dev.pat4j.hash;

import static dev.pat4j.testkit.Fixtures.basic;
import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every hashing choice validates real tokens, and a record hashed with an older choice is
 * re-hashed (once) on its next successful use, as the stored algorithm name shows.
 */
class HashingTest {
    private static final byte[] PEPPER = "pepper-0123456789-0123456789-abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final SecretHashing SHA = SecretHashing.sha256();
    private static final SecretHashing HMAC = SecretHashing.hmacSha256(PEPPER);
    private static final SecretHashing ARGON = SecretHashing.argon2id(64, 1, 1);

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final List<Pat4j> nodes = new ArrayList<>();

    private Pat4j node(SecretHashing hashing) {
        Pat4j p = Fixtures.builder(clock, store).hashing(hashing).changePollInterval(Duration.ofMillis(20)).build();
        nodes.add(p);
        return p;
    }

    @AfterEach
    void stop() {
        nodes.forEach(Pat4j::close);
    }

    private String algorithmOf(String id) {
        return store.find(id).orElseThrow().hashAlgorithm();
    }

    private boolean rehashedTo(String id, String algorithm) {
        return Fixtures.eventually(Duration.ofSeconds(10), () -> algorithm.equals(algorithmOf(id)));
    }

    @Test
    void everyAlgorithmValidatesItsOwnTokens() {
        for (SecretHashing hashing : List.of(SHA, HMAC, ARGON)) {
            Pat4j pat4j = node(hashing);
            IssuedToken t = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");
            String id = t.info().id();
            assertThat(algorithmOf(id)).isEqualTo(hashing.algorithm());
            for (int i = 0; i < 3; i++) { // first a store load, then the cache
                assertThat(pat4j.validator().check(bearer(t.token()), "acme").authenticated()).as(hashing.toString())
                        .isTrue();
                assertThat(pat4j.validator().check(basic("ci", t.token()), "acme").authenticated()).isTrue();
                assertThat(pat4j.validator().check(bearer(Fixtures.lookAlike(t.token())), "acme"))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id));
            }
            // After the cache is dropped (extend), the stored hash verifies again.
            pat4j.tokens().extend(id, clock.instant().plus(Duration.ofDays(2)), Actor.user("alice"));
            assertThat(pat4j.validator().check(bearer(Fixtures.lookAlike(t.token())), "acme").authenticated()).isFalse();
            assertThat(pat4j.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
            assertThat(pat4j.tokens().revokeLeaked(Fixtures.lookAlike(t.token()), "x")).isEmpty();
            assertThat(algorithmOf(id)).isEqualTo(hashing.algorithm());
            pat4j.close();
        }
    }

    @Test
    void theStoredAlgorithmNamesItsParameters() {
        assertThat(SHA.algorithm()).isEqualTo("sha256");
        assertThat(HMAC.algorithm()).isEqualTo("hmac-sha256");
        assertThat(ARGON.algorithm()).isEqualTo("argon2id$m=64,t=1,p=1");
        assertThat(SecretHashing.argon2id().algorithm()).isEqualTo("argon2id$m=19456,t=2,p=1");
        assertThat(SecretHashing.argon2Parameters(ARGON.algorithm())).containsExactly(64, 1, 1);
        assertThat(SecretHashing.argon2Parameters("argon2id$m=64,t=1")).isNull();
        assertThat(SecretHashing.argon2Parameters(null)).isNull();
    }

    @Test
    void anOlderRecordIsRehashedOnItsNextSuccessfulUseAndOnlyOnce() {
        Pat4j shaNode = node(SHA);
        IssuedToken t = Fixtures.create(shaNode, "alice", "acme", Duration.ofDays(1), "code:read");
        IssuedToken barrier = Fixtures.create(shaNode, "alice", "acme", Duration.ofDays(1), "code:read");
        String id = t.info().id();
        byte[] oldSalt = store.find(id).orElseThrow().salt();

        // sha256 -> hmac: a failed use must not re-hash (the background thread runs tasks in
        // order, so once 'barrier' is re-hashed, any re-hash of 't' would have happened too).
        Pat4j hmacNode = node(HMAC);
        assertThat(hmacNode.validator().check(bearer(Fixtures.lookAlike(t.token())), "acme").authenticated()).isFalse();
        assertThat(hmacNode.validator().check(bearer(barrier.token()), "acme").authenticated()).isTrue();
        assertThat(rehashedTo(barrier.info().id(), HMAC.algorithm())).isTrue();
        assertThat(algorithmOf(id)).isEqualTo(SHA.algorithm());

        assertThat(hmacNode.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        assertThat(rehashedTo(id, HMAC.algorithm())).isTrue();
        StoredToken rehashed = store.find(id).orElseThrow();
        assertThat(rehashed.salt()).isNotEqualTo(oldSalt);
        long version = rehashed.version();
        for (int i = 0; i < 50; i++) {
            assertThat(hmacNode.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        }
        assertThat(store.find(id).orElseThrow().version()).as("re-hashed once").isEqualTo(version);

        // hmac -> argon2id -> argon2id with other parameters -> sha256: every direction works.
        // Leaving HMAC needs the old pepper; without it the records cannot be verified at all.
        Pat4j argonWithoutPepper = node(ARGON);
        assertThat(argonWithoutPepper.validator().check(bearer(t.token()), "acme"))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id));
        Pat4j argonNode = node(ARGON.withLegacyPepper(PEPPER));
        assertThat(argonNode.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        assertThat(rehashedTo(id, ARGON.algorithm())).isTrue();
        SecretHashing argon128 = SecretHashing.argon2id(128, 1, 1);
        Pat4j argon128Node = node(argon128);
        assertThat(argon128Node.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        assertThat(rehashedTo(id, argon128.algorithm())).isTrue();
        Pat4j shaAgain = node(SHA);
        assertThat(shaAgain.validator().check(basic("", t.token()), "acme").authenticated()).isTrue();
        assertThat(rehashedTo(id, SHA.algorithm())).isTrue();

        // The token survived every step and still authenticates on a fresh node.
        Pat4j fresh = node(SHA);
        assertThat(fresh.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        assertThat(fresh.validator().check(bearer(Fixtures.lookAlike(t.token())), "acme").authenticated()).isFalse();
    }

    @Test
    void anHmacRecordNeedsTheRightPepper() {
        Pat4j hmacNode = node(HMAC);
        IssuedToken t = Fixtures.create(hmacNode, "alice", "acme", Duration.ofDays(1), "code:read");
        String id = t.info().id();
        Pat4j noPepper = node(SHA);
        assertThat(noPepper.validator().check(bearer(t.token()), "acme"))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id));
        byte[] otherPepper = Arrays.copyOf(PEPPER, PEPPER.length);
        otherPepper[0] ^= 1;
        Pat4j wrongPepper = node(SecretHashing.hmacSha256(otherPepper));
        assertThat(wrongPepper.validator().check(bearer(t.token()), "acme"))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id));
        assertThat(algorithmOf(id)).isEqualTo(HMAC.algorithm());
    }

    @Test
    void aPepperIsRotatedByIdAndOldRecordsAreRehashedUnderTheNewOne() {
        byte[] older = "older-pepper-0123456789-0123456789-abc".getBytes(StandardCharsets.US_ASCII);
        byte[] newer = "newer-pepper-0123456789-0123456789-abc".getBytes(StandardCharsets.US_ASCII);
        SecretHashing first = SecretHashing.hmacSha256("2023b", older);
        assertThat(first.algorithm()).isEqualTo("hmac-sha256$kid=2023b");
        assertThat(first.pepperId()).isEqualTo("2023b");
        Pat4j oldNode = node(first);
        IssuedToken t = Fixtures.create(oldNode, "alice", "acme", Duration.ofDays(1), "code:read");
        IssuedToken unnamed = Fixtures.create(node(HMAC), "alice", "acme", Duration.ofDays(1), "code:read");
        String id = t.info().id();
        assertThat(algorithmOf(id)).isEqualTo("hmac-sha256$kid=2023b");

        // the new pepper alone cannot verify records of the old id
        Pat4j newOnly = node(SecretHashing.hmacSha256("2024a", newer));
        assertThat(newOnly.validator().check(bearer(t.token())))
                .isEqualTo(new ValidationResult.Rejected(RejectionReason.SECRET_MISMATCH, id));
        // the right id with other bytes cannot either
        Pat4j impostor = node(SecretHashing.hmacSha256("2023b", newer));
        assertThat(impostor.validator().check(bearer(t.token()), "acme").authenticated()).isFalse();

        SecretHashing rotated = SecretHashing.hmacSha256("2024a", newer).withPreviousPepper("2023b", older)
                .withLegacyPepper(PEPPER);
        assertThat(rotated.pepperIds()).containsExactly("", "2023b", "2024a");
        Pat4j newNode = node(rotated);
        assertThat(newNode.validator().check(bearer(t.token()), "acme").authenticated()).isTrue();
        assertThat(rehashedTo(id, "hmac-sha256$kid=2024a")).isTrue();
        assertThat(newNode.validator().check(bearer(unnamed.token()), "acme").authenticated()).isTrue();
        assertThat(rehashedTo(unnamed.info().id(), "hmac-sha256$kid=2024a")).isTrue();
        assertThat(node(SecretHashing.hmacSha256("2024a", newer)).validator().check(bearer(t.token()), "acme")
                .authenticated()).as("the old pepper is no longer needed").isTrue();
    }

    @Test
    void pepperIdsAreReadFromStoredNames() {
        assertThat(SecretHashing.pepperIdOf("hmac-sha256$kid=2024a")).isEqualTo("2024a");
        assertThat(SecretHashing.pepperIdOf("hmac-sha256")).isEqualTo(SecretHashing.UNNAMED_PEPPER);
        assertThat(SecretHashing.pepperIdOf("sha256")).isNull();
        assertThat(SecretHashing.pepperIdOf("hmac-sha256$kid=")).isNull();
        assertThat(SecretHashing.pepperIdOf("hmac-sha256$kid=a b")).isNull();
        assertThat(SecretHashing.pepperIdOf(null)).isNull();
        assertThat(SecretHashing.withoutPepperId("hmac-sha256$kid=2024a")).isEqualTo("hmac-sha256");
        assertThat(SecretHashing.withoutPepperId("argon2id$m=64,t=1,p=1")).isEqualTo("argon2id$m=64,t=1,p=1");
        for (String bad : new String[] {"", "-a", "a b", "x".repeat(33), "a$b"}) {
            assertThatThrownBy(() -> SecretHashing.hmacSha256(bad, PEPPER)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        SecretHashing named = SecretHashing.hmacSha256("k1", PEPPER);
        assertThatThrownBy(() -> named.withPreviousPepper("k1", PEPPER)).isInstanceOf(IllegalArgumentException.class);
        assertThat(named.withPreviousPepper("k0", PEPPER).toString()).contains("k0", "k1", "redacted")
                .doesNotContain(new String(PEPPER, StandardCharsets.US_ASCII));
    }

    @Test
    void configurationIsValidatedAndThePepperNeverShown() {
        assertThatThrownBy(() -> SecretHashing.hmacSha256(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretHashing.hmacSha256(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretHashing.argon2id(7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretHashing.argon2id(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretHashing.argon2id(64, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretHashing.argon2id(64, 1, 9)).isInstanceOf(IllegalArgumentException.class);

        String pepperText = new String(PEPPER, StandardCharsets.US_ASCII);
        assertThat(HMAC.toString()).contains("hmac-sha256").contains("redacted").doesNotContain(pepperText)
                .doesNotContain(Arrays.toString(PEPPER));
        byte[] copy = HMAC.pepper();
        copy[0] = 0;
        assertThat(HMAC.pepper()).isEqualTo(PEPPER);
        assertThat(HMAC).isEqualTo(SecretHashing.hmacSha256(PEPPER)).isNotEqualTo(SHA);
        assertThat(SHA.pepper()).isNull();

        SecretHashing migrating = ARGON.withLegacyPepper(PEPPER);
        assertThat(migrating.algorithm()).isEqualTo(ARGON.algorithm());
        assertThat(migrating.pepper()).isEqualTo(PEPPER);
        assertThat(migrating.toString()).contains("redacted").doesNotContain(pepperText);
        assertThatThrownBy(() -> SHA.withLegacyPepper(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HMAC.withLegacyPepper(PEPPER)).isInstanceOf(IllegalStateException.class);
    }
}
