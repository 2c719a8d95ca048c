package dev.pat4j.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.HostileHeaders;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared hostile-header matrix, run against the validator itself with real tokens: a
 * valid one, a revoked one, one past its expiry (by the injected clock) and one of another
 * organization. Every case is rejected for organization "acme"; every accepted form of the
 * valid token authenticates, so the matrix is not passing by rejecting everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHeadersTest {
    private static final String ORG = "acme";

    private MutableClock clock;
    private Pat4j pat4j;
    private HostileHeaders.Tokens tokens;

    @BeforeAll
    void createTokens() {
        clock = new MutableClock(Fixtures.START);
        pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).build();
        IssuedToken valid = Fixtures.create(pat4j, "alice", ORG, Duration.ofDays(30), "code:read");
        IssuedToken revoked = Fixtures.create(pat4j, "alice", ORG, Duration.ofDays(30), "code:read");
        IssuedToken expired = Fixtures.create(pat4j, "alice", ORG, Duration.ofHours(1), "code:read");
        IssuedToken other = Fixtures.create(pat4j, "alice", "globex", Duration.ofDays(30), "code:read");
        pat4j.tokens().revoke(revoked.info().id(), Actor.user("alice"));
        clock.advance(Duration.ofHours(2));
        tokens = new HostileHeaders.Tokens(valid.token(), revoked.token(), expired.token(), other.token());
    }

    @AfterAll
    void close() {
        pat4j.close();
    }

    @TestFactory
    Stream<DynamicTest> everyHostileCaseIsRejected() {
        String valid = tokens.valid();
        List<String> accepted = HostileHeaders.acceptedForms(valid);
        return HostileHeaders.matrix(tokens).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            if (c.values().isEmpty()) {
                assertThat(pat4j.validator().check(null, ORG))
                        .isEqualTo(new ValidationResult.Rejected(RejectionReason.MISSING, null));
                return;
            }
            for (String value : c.values()) {
                ValidationResult r = pat4j.validator().check(value, ORG);
                assertCleanRejection(r);
                if (accepted.contains(value)) {
                    // A header that is on its own an accepted form: only the adapter can see that it
                    // came twice; the validator must still authenticate it (and nothing else).
                    assertThat(c.values()).hasSizeGreaterThan(1);
                    continue;
                }
                assertThat(r.authenticated()).as("%s: %s", c.name(), value).isFalse();
            }
            if (c.values().size() > 1) {
                // What a server that folds repeated headers into one (RFC 9110 5.3) would pass on.
                ValidationResult folded = pat4j.validator().check(String.join(", ", c.values()), ORG);
                assertCleanRejection(folded);
                assertThat(folded.authenticated()).isFalse();
            }
        }));
    }

    @Test
    void theReasonsAreTheOnesTheCasesAreNamedFor() {
        assertThat(reasonOf("Bearer " + tokens.revoked())).isEqualTo(RejectionReason.REVOKED);
        assertThat(reasonOf("Bearer " + tokens.expired())).isEqualTo(RejectionReason.EXPIRED);
        assertThat(reasonOf("Bearer " + tokens.otherOrganization())).isEqualTo(RejectionReason.WRONG_ORGANIZATION);
        assertThat(reasonOf("")).isEqualTo(RejectionReason.MISSING);
        assertThat(reasonOf("   ")).isEqualTo(RejectionReason.MISSING);
        assertThat(reasonOf("Bearer " + tokens.valid() + "x".repeat(9000))).isEqualTo(RejectionReason.MALFORMED);
        String valid = tokens.valid();
        char last = valid.charAt(valid.length() - 1);
        assertThat(reasonOf("Bearer " + valid.substring(0, valid.length() - 1) + (last == 'A' ? 'B' : 'A')))
                .isEqualTo(RejectionReason.BAD_CHECKSUM);
    }

    @Test
    void everyAcceptedFormAuthenticatesTheValidToken() {
        String validId = pat4j.format().idOf(tokens.valid());
        for (String header : HostileHeaders.acceptedForms(tokens.valid())) {
            ValidationResult r = pat4j.validator().check(header, ORG);
            assertThat(r.authenticated()).as(header).isTrue();
            assertThat(((ValidationResult.Authenticated) r).principal().tokenId()).isEqualTo(validId);
            assertThat(pat4j.validator().check(header)).as("%s, naming no organization", header)
                    .isEqualTo(new ValidationResult.Rejected(RejectionReason.ORGANIZATION_REQUIRED, validId));
        }
    }

    private RejectionReason reasonOf(String header) {
        ValidationResult r = pat4j.validator().check(header, ORG);
        assertThat(r).isInstanceOf(ValidationResult.Rejected.class);
        return ((ValidationResult.Rejected) r).reason();
    }

    private static void assertCleanRejection(ValidationResult r) {
        assertThat(r).isNotNull();
        if (r instanceof ValidationResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotEqualTo(RejectionReason.STORE_UNAVAILABLE);
        }
    }
}
