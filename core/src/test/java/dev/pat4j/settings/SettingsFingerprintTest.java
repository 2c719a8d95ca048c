package dev.pat4j.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.FingerprintingStore;
import dev.pat4j.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settings fingerprint: the first process records prefix and hashing in the store, a later
 * one with settings under which it would reject the store's tokens refuses to start, naming the
 * setting and both values (never a pepper); deliberate moves forward are recorded.
 */
class SettingsFingerprintTest {
    private static final byte[] PEPPER = "pepper-2024a-0123456789-0123456789-ab".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "pepper-other-0123456789-0123456789-ab".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OLD = "pepper-2023b-0123456789-0123456789-ab".getBytes(StandardCharsets.US_ASCII);

    private final FingerprintingStore store = new FingerprintingStore();
    private final List<Pat4j> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Pat4j::close);
    }

    private Pat4j start(String prefix, SecretHashing hashing) {
        Pat4j p = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(store).prefix(prefix).hashing(hashing)
                .build();
        started.add(p);
        return p;
    }

    private SettingsMismatchException refused(String prefix, SecretHashing hashing) {
        try {
            start(prefix, hashing);
        } catch (SettingsMismatchException e) {
            assertThat(e.getMessage()).doesNotContain(new String(PEPPER, StandardCharsets.US_ASCII))
                    .doesNotContain(new String(OTHER, StandardCharsets.US_ASCII))
                    .doesNotContain(new String(OLD, StandardCharsets.US_ASCII));
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void theFirstProcessRecordsItsSettingsAndAnAgreeingOneStarts() {
        start("acme", SecretHashing.hmacSha256("2024a", PEPPER));
        Map<String, String> recorded = store.recordedSettings().orElseThrow();
        assertThat(recorded).containsEntry("token.prefix", "acme").containsEntry("hashing.algorithm", "hmac-sha256")
                .containsEntry("hashing.pepper-id", "2024a").containsKey("hashing.pepper-check").hasSize(4);
        assertThat(recorded.get("hashing.pepper-check")).hasSize(22)
                .doesNotContain(new String(PEPPER, StandardCharsets.US_ASCII));
        start("acme", SecretHashing.hmacSha256("2024a", PEPPER));
        assertThat(store.recordedSettings().orElseThrow()).isEqualTo(recorded);
    }

    @Test
    void anotherPrefixIsRefusedNamingBothValues() {
        start("acme", SecretHashing.sha256());
        SettingsMismatchException e = refused("pat", SecretHashing.sha256());
        assertThat(e.setting()).isEqualTo("pat4j.token.prefix");
        assertThat(e.storeValue()).isEqualTo("acme");
        assertThat(e.processValue()).isEqualTo("pat");
        assertThat(e.getMessage()).contains("pat4j.token.prefix is 'pat' here but 'acme' in the store");
    }

    @Test
    void theRightPepperIdWithOtherBytesIsRefused() {
        start("acme", SecretHashing.hmacSha256("2024a", PEPPER));
        SettingsMismatchException e = refused("acme", SecretHashing.hmacSha256("2024a", OTHER));
        assertThat(e.setting()).isEqualTo("pat4j.hashing.pepper");
        assertThat(e.storeValue()).isEqualTo("pepper 2024a");
        assertThat(e.getMessage()).contains("same id, other bytes");
    }

    @Test
    void anotherPepperIdIsRefusedUnlessTheStoresIsHeldAsAPreviousPepper() {
        Pat4j first = start("acme", SecretHashing.hmacSha256("2023b", OLD));
        IssuedToken issued = Fixtures.create(first, "alice", "acme", Duration.ofDays(1), "code:read");

        SettingsMismatchException e = refused("acme", SecretHashing.hmacSha256("2024a", PEPPER));
        assertThat(e.setting()).isEqualTo("pat4j.hashing.pepper-id");
        assertThat(e.storeValue()).isEqualTo("2023b");
        assertThat(e.processValue()).isEqualTo("2024a");
        assertThat(e.getMessage()).contains("pat4j.hashing.previous-peppers = 2023b:env:");

        SettingsMismatchException wrongOld = refused("acme",
                SecretHashing.hmacSha256("2024a", PEPPER).withPreviousPepper("2023b", OTHER));
        assertThat(wrongOld.setting()).isEqualTo("pat4j.hashing.previous-peppers");

        Pat4j rotated = start("acme", SecretHashing.hmacSha256("2024a", PEPPER).withPreviousPepper("2023b", OLD));
        assertThat(store.recordedSettings().orElseThrow()).containsEntry("hashing.pepper-id", "2024a");
        assertThat(rotated.validator().check(Fixtures.bearer(issued.token()), "acme").authenticated()).isTrue();
        // a process still on the old pepper alone can no longer verify what the rotated one writes
        assertThat(refused("acme", SecretHashing.hmacSha256("2023b", OLD)).setting())
                .isEqualTo("pat4j.hashing.pepper-id");
    }

    @Test
    void movingOnFromSha256IsRecordedAndMovingBackIsRefused() {
        start("acme", SecretHashing.sha256());
        start("acme", SecretHashing.hmacSha256("2024a", PEPPER));
        assertThat(store.recordedSettings().orElseThrow()).containsEntry("hashing.algorithm", "hmac-sha256");
        SettingsMismatchException e = refused("acme", SecretHashing.sha256());
        assertThat(e.setting()).isEqualTo("pat4j.hashing.algorithm");
        assertThat(e.storeValue()).isEqualTo("hmac-sha256 (pepper 2024a)");
        assertThat(e.processValue()).isEqualTo("sha256");
        assertThat(e.getMessage()).contains("cannot verify without the store's pepper");

        // leaving HMAC on purpose keeps the pepper as a previous one
        start("acme", SecretHashing.sha256().withPreviousPepper("2024a", PEPPER));
        assertThat(store.recordedSettings().orElseThrow()).isEqualTo(Map.of("token.prefix", "acme",
                "hashing.algorithm", "sha256"));
    }

    @Test
    void aPepperWithoutIdIsComparedToo() {
        start("acme", SecretHashing.hmacSha256(PEPPER));
        assertThat(store.recordedSettings().orElseThrow()).doesNotContainKey("hashing.pepper-id")
                .containsKey("hashing.pepper-check");
        assertThat(refused("acme", SecretHashing.hmacSha256(OTHER)).setting()).isEqualTo("pat4j.hashing.pepper");
        start("acme", SecretHashing.hmacSha256("2024a", OTHER).withLegacyPepper(PEPPER));
        assertThat(store.recordedSettings().orElseThrow()).containsEntry("hashing.pepper-id", "2024a");
    }

    @Test
    void otherAlgorithmsAreNotMovedBetweenSilently() {
        start("acme", SecretHashing.argon2id(64, 1, 1));
        assertThat(refused("acme", SecretHashing.sha256()).storeValue()).isEqualTo("argon2id$m=64,t=1,p=1");
        assertThat(refused("acme", SecretHashing.argon2id(128, 1, 1)).setting()).isEqualTo("pat4j.hashing.algorithm");
    }

    @Test
    void aStoreThatKeepsNoneOrCannotBeReachedIsNotComparedWith() {
        store.keepNone(true);
        start("acme", SecretHashing.sha256());
        start("pat", SecretHashing.sha256());
        store.keepNone(false);
        start("acme", SecretHashing.sha256());
        store.setDown(true);
        start("pat", SecretHashing.sha256());
        store.setDown(false);
        assertThat(refused("pat", SecretHashing.sha256()).setting()).isEqualTo("pat4j.token.prefix");
    }
}
