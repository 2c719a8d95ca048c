package dev.pat4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Rejections log at DEBUG one by one, and at WARN only as one summary line per interval, counted
 * per reason; an accepted token logs nothing. The validator's log is captured (logback, as the
 * core tests run it) and its clock is moved by the test.
 */
class RejectionSummaryTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(DefaultTokenValidator.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private Level previous;

    @BeforeEach
    void capture() {
        previous = log.getLevel();
        log.setLevel(Level.DEBUG);
        captured.start();
        log.addAppender(captured);
    }

    @AfterEach
    void restore() {
        log.detachAppender(captured);
        log.setLevel(previous);
    }

    private List<String> lines(Level level) {
        return captured.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void oneWarnPerIntervalCountsTheRejectionsPerReason() {
        try (Pat4j pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).rejectionSummaryInterval(Duration.ofMinutes(1))
                .build()) {
            IssuedToken t = pat4j.tokens().create(Fixtures.request("alice", "acme", Duration.ofDays(1), "code:read"),
                    Actor.user("alice"));
            TokenCodec codec = new TokenCodec("pat");
            SecureRandom random = new SecureRandom();
            String forged = codec.generate(random);
            pat4j.validator().check(Fixtures.bearer(forged), "acme");
            for (int i = 1; i < 4000; i++) {
                pat4j.validator().check(Fixtures.bearer(codec.generate(random)), "acme");
            }
            String broken = t.token().substring(0, t.token().length() - 1) + (t.token().endsWith("a") ? "b" : "a");
            for (int i = 0; i < 12; i++) {
                pat4j.validator().check(Fixtures.bearer(broken), "acme");
            }
            for (int i = 0; i < 100; i++) {
                assertThat(pat4j.validator().check(Fixtures.bearer(t.token()), "acme").authenticated()).isTrue();
            }
            assertThat(lines(Level.WARN)).as("nothing at WARN within the interval").isEmpty();
            assertThat(lines(Level.INFO)).isEmpty();
            assertThat(lines(Level.DEBUG)).hasSize(4012)
                    .contains("token rejected: BAD_CHECKSUM", "token " + pat4j.format().idOf(forged) + " rejected: UNKNOWN");

            clock.advance(Duration.ofSeconds(60));
            pat4j.validator().check("Bearer not-a-token", "acme"); // the first rejection after the interval
            assertThat(lines(Level.WARN)).containsExactly(
                    "rejected in the last 60 s: MALFORMED=1, BAD_CHECKSUM=12, UNKNOWN=4000");

            for (int i = 0; i < 50; i++) {
                pat4j.validator().check(null, "acme");
            }
            clock.advance(Duration.ofSeconds(59));
            pat4j.validator().check(null, "acme");
            assertThat(lines(Level.WARN)).as("at most one line per interval").hasSize(1);

            clock.advance(Duration.ofSeconds(1));
            ((DefaultTokenValidator) pat4j.validator()).summarizeRejections(); // the schedule's call
            assertThat(lines(Level.WARN)).last().isEqualTo("rejected in the last 60 s: MISSING=51");
            clock.advance(Duration.ofMinutes(5));
            ((DefaultTokenValidator) pat4j.validator()).summarizeRejections();
            assertThat(lines(Level.WARN)).as("a quiet interval writes nothing").hasSize(2);
        }
    }
}
