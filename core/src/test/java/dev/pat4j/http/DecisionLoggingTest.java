package dev.pat4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pat4j.Pat4j;
import dev.pat4j.http.RequestGateTest.Request;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * How loud each decision is, as an operator with the default INFO level sees it: a flood of
 * guesses writes nothing per request (the validator's summary and the throttle's one line per
 * block speak for it), a refusal only a real secret's holder meets is one INFO line, and an
 * admitted request builds no text at all.
 */
class DecisionLoggingTest {
    private final Logger adapterLog = (Logger) LoggerFactory.getLogger("test.adapter");
    private final Logger throttleLog = (Logger) LoggerFactory.getLogger(SlidingWindowThrottle.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final Pat4j pat4j = Fixtures.builder(clock, new InMemoryTokenStore()).build();
    private final IssuedToken token = pat4j.tokens().create(NewToken.builder("alice", "laptop").allOrganizations()
            .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));

    @BeforeEach
    void capture() {
        adapterLog.setLevel(Level.INFO);
        throttleLog.setLevel(Level.INFO);
        captured.start();
        adapterLog.addAppender(captured);
        throttleLog.addAppender(captured);
    }

    @AfterEach
    void restore() {
        adapterLog.detachAppender(captured);
        throttleLog.detachAppender(captured);
        adapterLog.setLevel(null);
        throttleLog.setLevel(null);
        pat4j.close();
    }

    private List<String> lines() {
        return captured.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void aFloodOfForgedTokensWritesOneLineWhenTheThrottleBlocksAndNonePerRequest() {
        RequestGate gate = RequestGate.builder(pat4j)
                .throttle(AttemptThrottle.slidingWindow().clock(clock).failures(3).build()).build();
        String forged = "Authorization: Bearer " + Fixtures.lookAlike(token.token());
        for (int i = 0; i < 50; i++) {
            gate.decide(Request.of("GET", "/x", forged)).log().writeTo(adapterLog);
        }
        gate.decide(Request.of("GET", "/x", "Authorization: Bearer pat_notatoken")).log().writeTo(adapterLog);

        assertThat(lines()).containsExactly(
                "INFO pat4j: blocking client 192.0.2.7 for 60000 ms after 3 failed attempts within 60000 ms");
    }

    @Test
    void aRevokedTokensRefusalIsOneInfoLineNamingTheReason() {
        RequestGate gate = RequestGate.builder(pat4j).build();
        pat4j.tokens().revoke(token.info().id(), Actor.user("alice"));

        Decision d = gate.decide(Request.of("GET", "/x", "Authorization: Bearer " + token.token()));
        d.log().writeTo(adapterLog);

        assertThat(d.log().level()).isEqualTo(LogLine.Level.INFO);
        assertThat(lines()).containsExactly("INFO pat4j: 401 GET /x: REVOKED (token " + token.info().id() + ")");
    }

    @Test
    void aForgedTokensRefusalStillSaysWhyAtDebug() {
        Decision d = RequestGate.builder(pat4j).build()
                .decide(Request.of("GET", "/x", "Authorization: Bearer " + Fixtures.lookAlike(token.token())));

        assertThat(d.log().level()).isEqualTo(LogLine.Level.DEBUG);
        assertThat(d.log().message()).startsWith("pat4j: 401 GET /x: ");
        adapterLog.setLevel(Level.DEBUG);
        d.log().writeTo(adapterLog);
        assertThat(lines()).hasSize(1).first().asString().startsWith("DEBUG pat4j: 401 GET /x: ");
    }

    @Test
    void aDeferredLineBuildsItsTextOnlyWhenItsLevelIsOnAndThenOnce() {
        AtomicInteger built = new AtomicInteger();
        LogLine line = LogLine.deferred(LogLine.Level.DEBUG, () -> "built " + built.incrementAndGet());

        line.writeTo(adapterLog);
        assertThat(built).as("DEBUG is off").hasValue(0);
        adapterLog.setLevel(Level.DEBUG);
        line.writeTo(adapterLog);
        line.writeTo(adapterLog);

        assertThat(built).hasValue(1);
        assertThat(lines()).containsExactly("DEBUG built 1", "DEBUG built 1");
        assertThat(line).isEqualTo(new LogLine(LogLine.Level.DEBUG, "built 1"))
                .hasSameHashCodeAs(new LogLine(LogLine.Level.DEBUG, "built 1"))
                .isNotEqualTo(new LogLine(LogLine.Level.INFO, "built 1"));
    }
}
