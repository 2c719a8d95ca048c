package dev.pat4j.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of {@code TokenValidator.check(header)}, the parser every request
 * meets first. Unlike the jqwik properties beside it, Jazzer learns from the branches its inputs
 * reach. Property: no exception ever escapes, the healthy store is never blamed, and a header
 * authenticates exactly when the plain {@link ReferenceCredentials} decoder finds the live
 * token in it.
 *
 * <p>In {@code mvn verify} this replays the committed inputs under
 * {@code HeaderFuzzTestInputs/}; {@code mvn -Pfuzz} fuzzes it (see the README).
 */
class HeaderFuzzTest {
    private static final String ORG = "acme";
    private static Pat4j pat4j;
    private static String valid;

    @BeforeAll
    static void start() {
        pat4j = Fixtures.builder(new MutableClock(Fixtures.START), new InMemoryTokenStore()).build();
        IssuedToken issued = Fixtures.create(pat4j, "alice", ORG, Duration.ofDays(30), "code:read");
        valid = issued.token();
    }

    @AfterAll
    static void stop() {
        pat4j.close();
    }

    @FuzzTest(maxDuration = "2m")
    void authenticatesExactlyWhenTheReferenceDecoderFindsTheToken(FuzzedDataProvider data) {
        String header = header(data);
        ValidationResult result = pat4j.validator().check(header, ORG);
        assertThat(result).isNotNull();
        if (result instanceof ValidationResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotEqualTo(RejectionReason.STORE_UNAVAILABLE);
        }
        boolean carriesToken = ReferenceCredentials.credential(header).map(valid::equals).orElse(false);
        assertThat(result.authenticated()).as("validator vs reference on %s", header).isEqualTo(carriesToken);
    }

    /** Noise, or noise around the live token, as Bearer, as Basic, or as the fuzzer wrote it. */
    private static String header(FuzzedDataProvider data) {
        int shape = data.consumeInt(0, 3);
        String before = data.consumeString(64);
        boolean embed = data.consumeBoolean();
        String after = data.consumeRemainingAsString();
        String credential = embed ? before + valid + after : before + after;
        return switch (shape) {
            case 0 -> "Bearer " + credential;
            case 1 -> "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
            case 2 -> "Basic " + Base64.getEncoder().encodeToString(
                    credential.getBytes(StandardCharsets.ISO_8859_1));
            default -> credential;
        };
    }
}
