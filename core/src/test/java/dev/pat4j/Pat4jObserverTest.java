package dev.pat4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an observer (metrics) is told of checks and store calls, and that a broken one changes nothing. */
class Pat4jObserverTest {
    record Check(ValidationResult result, Pat4jObserver.Lookup lookup) {
    }

    record Call(String operation, long nanos, boolean failed) {
    }

    private final List<Check> checks = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final CountingStore store = new CountingStore(new InMemoryTokenStore());
    private final Pat4j pat4j = Fixtures.builder(clock, store)
            .observer(new Pat4jObserver() {
                @Override
                public void checked(ValidationResult result, Lookup lookup) {
                    checks.add(new Check(result, lookup));
                }

                @Override
                public void storeCalled(String operation, long nanos, boolean failed) {
                    calls.add(new Call(operation, nanos, failed));
                }
            })
            .observer(new Pat4jObserver() {
                @Override
                public void checked(ValidationResult result, Lookup lookup) {
                    throw new IllegalStateException("a broken observer");
                }

                @Override
                public void storeCalled(String operation, long nanos, boolean failed) {
                    throw new IllegalStateException("a broken observer");
                }
            })
            .build();

    @AfterEach
    void close() {
        pat4j.close();
    }

    @Test
    void everyCheckIsReportedWithHowItFoundItsToken() {
        IssuedToken token = Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(1), "code:read");

        ValidationResult malformed = pat4j.validator().check("Bearer nope", "acme");
        ValidationResult first = pat4j.validator().check(Fixtures.bearer(token.token()), "acme");
        ValidationResult second = pat4j.validator().checkToken(token.token(), "acme");
        ValidationResult wrongSecret = pat4j.validator().check(Fixtures.bearer(Fixtures.lookAlike(token.token())),
                "acme");
        String t = token.token();
        String otherId = Fixtures.withChecksum(t.substring(0, 4) + "ZZZZZZZZZZZZ" + t.substring(16, t.length() - 6));
        ValidationResult unknown = pat4j.validator().check(Fixtures.bearer(otherId), "acme");

        assertThat(first.authenticated()).as("a broken observer changes no result").isTrue();
        assertThat(second.authenticated()).isTrue();
        assertThat(checks).containsExactly(
                new Check(malformed, Pat4jObserver.Lookup.NONE),
                new Check(first, Pat4jObserver.Lookup.CACHE_MISS),
                new Check(second, Pat4jObserver.Lookup.CACHE_HIT),
                new Check(wrongSecret, Pat4jObserver.Lookup.CACHE_HIT),
                new Check(unknown, Pat4jObserver.Lookup.CACHE_MISS));
        assertThat(((ValidationResult.Rejected) wrongSecret).reason()).isEqualTo(RejectionReason.SECRET_MISMATCH);
        assertThat(((ValidationResult.Rejected) malformed).reason()).isEqualTo(RejectionReason.MALFORMED);
        assertThat(((ValidationResult.Rejected) unknown).reason()).isEqualTo(RejectionReason.UNKNOWN);
        assertThat(pat4j.cacheSize()).as("the one verified token").isEqualTo(1);
    }

    @Test
    void everyStoreCallIsTimedAndAFailureSaysSo() {
        IssuedToken token = Fixtures.create(pat4j, "bob", "acme", Duration.ofDays(1), "code:read");
        assertThat(calls).extracting(Call::operation).contains("countActive", "insert");

        calls.clear();
        store.setDown(true);
        ValidationResult down = pat4j.validator().check(Fixtures.bearer(token.token()), "acme");
        store.setDown(false);
        ValidationResult up = pat4j.validator().check(Fixtures.bearer(token.token()), "acme");

        assertThat(((ValidationResult.Rejected) down).reason()).isEqualTo(RejectionReason.STORE_UNAVAILABLE);
        assertThat(up.authenticated()).isTrue();
        assertThat(calls).filteredOn(c -> c.operation().equals("find"))
                .extracting(Call::failed).containsExactly(true, false);
        assertThat(calls).allSatisfy(c -> assertThat(c.nanos()).isNotNegative());
    }
}
