package dev.pat4j;

import static dev.pat4j.testkit.Fixtures.basic;
import static dev.pat4j.testkit.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import dev.pat4j.event.TokenEventListener;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.internal.TokenCodec;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.owner.OwnerRights;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.FingerprintingStore;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.Fixtures.RecordingListener;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.testkit.MutableOwnerDirectory;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A full lifecycle with every logger at TRACE: no log line (message, arguments, throwable),
 * no exception message and no {@code toString()} of anything pat4j returns holds a token, a
 * 12-character window of its secret, or the pepper; and the same of settings, their mistakes
 * and the settings fingerprint, for peppers and the database password.
 */
class SecrecyTest {
    private static final String PEPPER = "pepper-that-must-never-be-logged-0123456789";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private Level previousLevel;

    /** Everything that must be free of secrets: log lines, exception messages, toString()s. */
    private final List<String> exposed = new ArrayList<>();
    /** The real tokens of the run; their secrets are searched in every window. */
    private final List<String> tokens = new ArrayList<>();
    /** Other strings that must never be shown: hostile headers built from real tokens, the pepper. */
    private final List<String> forbidden = new ArrayList<>(List.of(PEPPER));

    @BeforeEach
    void captureEverything() {
        previousLevel = root.getLevel();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender); // keep TRACE off the console
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.TRACE);
    }

    @AfterEach
    void restore() {
        root.detachAppender(captured);
        detached.forEach(root::addAppender);
        root.setLevel(previousLevel);
    }

    @Test
    void noSecretIsEverLoggedThrownOrPrinted() throws Exception {
        MutableClock clock = new MutableClock(Fixtures.START);
        CountingStore store = new CountingStore(new InMemoryTokenStore());
        RecordingListener events = new RecordingListener();
        TokenEventListener clumsy = event -> {
            throw new IllegalStateException("listener choked on " + event);
        };
        SecretHashing hashing = SecretHashing.hmacSha256(PEPPER.getBytes(StandardCharsets.US_ASCII));
        exposed.add(hashing.toString());
        MutableOwnerDirectory owners = new MutableOwnerDirectory();
        Pat4j pat4j = Fixtures.builder(clock, store).hashing(hashing).listener(clumsy).listener(events).owners(owners)
                .policy(TokenPolicy.builder().maxActiveTokensPerOwner(5).build())
                .lastUsedInterval(Duration.ofMillis(20)).changePollInterval(Duration.ofMillis(20)).build();
        TokenService service = pat4j.tokens();
        Actor alice = Actor.user("alice");

        // create, and every accepted form
        IssuedToken issued = keep(Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read"));
        String token = issued.token();
        String id = issued.info().id();
        IssuedToken leaked = keep(Fixtures.create(pat4j, "alice", "acme", Duration.ofDays(30), "code:read"));
        IssuedToken shortLived = keep(Fixtures.create(pat4j, "alice", "acme", Duration.ofHours(1), "code:read"));
        exposed.add(issued.toString());
        for (String header : List.of(bearer(token), basic("", token), basic(token, token), basic(token, ""))) {
            show(pat4j.validator().check(header, "acme"));
        }
        show(pat4j.validator().checkToken(token, "acme"));

        // every rejection kind, from headers built of the real token
        String wrongChecksum = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        String lookAlike = Fixtures.lookAlike(token);
        String unknown = new TokenCodec("pat").generate(new SecureRandom());
        List<String> hostile = List.of("", "   ", "Bearer " + token + " extra", "Digest " + token,
                "Basic " + token, basic("user", token + "x"), bearer(wrongChecksum), bearer(lookAlike),
                bearer(unknown), bearer(token.toUpperCase(java.util.Locale.ROOT)), "Bearer " + token + "x".repeat(9000));
        forbidden.addAll(List.of(wrongChecksum, lookAlike, token.toUpperCase(java.util.Locale.ROOT)));
        for (String header : hostile) {
            show(pat4j.validator().check(header, "acme"));
        }
        show(pat4j.validator().check(bearer(token), "globex"));
        show(pat4j.validator().check(bearer(token)));
        show(pat4j.validator().checkToken(lookAlike, "acme"));

        // management, including the refusals
        show(service.extend(id, clock.instant().plus(Duration.ofDays(40)), alice));
        show(service.updateScopes(id, List.of("code:write"), alice));
        fail(() -> service.extend(id, clock.instant().plus(Duration.ofDays(400)), alice));
        fail(() -> service.updateScopes(id, List.of("*"), alice));
        fail(() -> service.updateScopes(id, List.of("code:nope"), alice));
        fail(() -> service.revoke(id, Actor.user("mallory")));
        fail(() -> service.create(NewToken.builder("bob", "x").organization("acme").lifespan(Duration.ofDays(1))
                .scopes("code:read").build(), alice));
        // A caller who passes the token where its id belongs (an easy slip) must not see it echoed.
        fail(() -> service.revoke(token, alice));
        fail(() -> service.extend(token, clock.instant().plus(Duration.ofDays(1)), alice));
        fail(() -> service.updateScopes(token, List.of("code:read"), alice));
        show(service.get(token));
        show(service.get(id));
        show(service.listByOwner("alice"));
        show(service.listExpiringWithin(Duration.ofDays(60)));
        show(pat4j.expiryNotifier().run());

        // owners' rights: refusals, a narrowed token, an inactive owner
        owners.set("alice", OwnerRights.everything().withScopes("code:read").withOrganizations("acme"));
        fail(() -> service.create(NewToken.builder("alice", "x").organization("globex").lifespan(Duration.ofDays(1))
                .scopes("code:read").createdVia("git: https://host/ on MyMachine").build(), alice));
        fail(() -> service.updateScopes(id, List.of("code:manage"), alice));
        show(service.ownerChanged("alice"));
        show(pat4j.validator().check(bearer(token), "acme"));
        owners.set("alice", OwnerRights.inactive());
        show(service.ownerChanged("alice"));
        show(pat4j.validator().check(bearer(token), "acme"));
        fail(() -> service.extend(id, clock.instant().plus(Duration.ofDays(41)), alice));
        owners.set("alice", OwnerRights.everything());
        show(service.ownerChanged("alice"));

        // a leak found by the scanner
        String text = "config:\n  password: " + leaked.token() + "\n";
        pat4j.scanner().scan(text).forEach(m -> {
            show(m);
            show(service.revokeLeaked(m.token(), "config.yml:" + m.line()));
        });
        show(service.revokeLeaked(lookAlike, "somewhere"));

        // a re-hash in the background (a node configured with SHA-256, the HMAC pepper kept)
        try (Pat4j shaNode = Fixtures.builder(clock, store)
                .hashing(SecretHashing.sha256().withLegacyPepper(PEPPER.getBytes(StandardCharsets.US_ASCII))).build()) {
            show(shaNode.validator().check(bearer(token), "acme"));
            Fixtures.eventually(Duration.ofSeconds(5), () -> "sha256".equals(store.find(id).orElseThrow().hashAlgorithm()));
        }

        // an outage: cached, uncached and unknown tokens; management calls
        show(pat4j.validator().check(bearer(shortLived.token()), "acme"));
        store.setDown(true);
        show(pat4j.validator().check(bearer(shortLived.token()), "acme"));
        show(pat4j.validator().check(bearer(token), "acme"));
        show(pat4j.validator().check(bearer(unknown), "globex"));
        fail(() -> service.revoke(id, alice));
        fail(() -> service.listByOwner("alice"));
        Thread.sleep(100); // let the change follower and last-used flush fail against the dead store
        store.setDown(false);

        // expiry and revocation
        clock.advance(Duration.ofHours(2));
        show(pat4j.validator().check(bearer(shortLived.token()), "acme"));
        show(service.revoke(id, Actor.administrator("root")));
        show(service.revoke(id, alice));
        show(pat4j.validator().check(bearer(token), "acme"));
        fail(() -> service.extend(id, clock.instant().plus(Duration.ofDays(1)), alice));
        show(service.revokeAll("alice", Actor.administrator("root")));
        show(store.find(id));
        show(store.findByOwner("alice"));
        pat4j.close();

        events.events().forEach(this::show);
        assertThat(events.events()).hasSizeGreaterThan(5);
        assertThat(captured.list).as("TRACE capture works").isNotEmpty()
                .anyMatch(e -> e.getLevel() == Level.DEBUG)
                .anyMatch(e -> e.getLevel() == Level.WARN && e.getThrowableProxy() != null)
                .anyMatch(e -> e.getFormattedMessage().contains(id));
        for (ILoggingEvent e : List.copyOf(captured.list)) {
            exposed.add(render(e));
        }
        assertNothingSecret(50);
    }

    @Test
    void settingsAndTheirFingerprintNeverShowAPepperOrAPassword(@TempDir Path dir) throws Exception {
        String older = "older-pepper-that-must-never-be-logged-0123456789";
        String other = "wrong-pepper-that-must-never-be-logged-0123456789";
        String password = "database-password-that-must-never-be-logged";
        forbidden.addAll(List.of(older, other, password));
        Map<String, String> env = new HashMap<>(Map.of("ACME_PEPPER", PEPPER, "ACME_OLD", older, "ACME_DB", password));
        Path file = dir.resolve("acme.properties");
        String text = "pat4j.token.prefix = acme\npat4j.scope.repo.label = Repositories\n"
                + "pat4j.hashing.algorithm = hmac-sha256\npat4j.hashing.pepper = env:ACME_PEPPER\n"
                + "pat4j.hashing.pepper-id = 2024a\npat4j.hashing.previous-peppers = 2023b:env:ACME_OLD\n"
                + "pat4j.store.url = jdbc:postgresql://db/app\npat4j.store.password = env:ACME_DB\n";
        Files.writeString(file, text);
        Pat4jSettings settings = Pat4jSettings.load(file, env);
        show(settings);
        show(settings.hashing());
        show(settings.store());
        show(settings.summary());
        show(settings.hashing().secretHashing());

        // settings written wrongly: secrets given literally, or where they cannot be read
        for (String wrong : List.of(text.replace("env:ACME_PEPPER", PEPPER), text.replace("env:ACME_DB", password),
                text.replace("2023b:env:ACME_OLD", "2023b:" + older),
                text.replace("jdbc:postgresql://db/app", "jdbc:postgresql://db/app?password=" + password),
                text.replace("env:ACME_PEPPER", "env:UNSET"))) {
            Files.writeString(file, wrong);
            fail(() -> Pat4jSettings.load(file, env));
        }
        Files.writeString(file, text);

        // the fingerprint: recorded, then refused for a wrong pepper, a wrong previous pepper, another id
        FingerprintingStore store = new FingerprintingStore();
        Pat4j.fromSettings(settings, store).close();
        show(store.recordedSettings());
        env.put("ACME_PEPPER", other);
        fail(() -> Pat4j.fromSettings(Pat4jSettings.load(file, env), store));
        env.put("ACME_PEPPER", PEPPER);
        env.put("PAT4J_HASHING_PEPPER_ID", "2025c");
        env.put("ACME_OLD", other);
        env.put("PAT4J_HASHING_PREVIOUS_PEPPERS", "2024a:env:ACME_OLD");
        fail(() -> Pat4j.fromSettings(Pat4jSettings.load(file, env), store));
        env.put("ACME_OLD", PEPPER);
        Pat4j.fromSettings(Pat4jSettings.load(file, env), store).close(); // a rotation, logged
        show(store.recordedSettings());

        for (ILoggingEvent e : List.copyOf(captured.list)) {
            exposed.add(render(e));
        }
        assertThat(captured.list).anyMatch(e -> e.getFormattedMessage().contains("moved from"));
        assertNothingSecret(10);
    }

    // ---- collection ---------------------------------------------------------------------------

    private IssuedToken keep(IssuedToken issued) {
        tokens.add(issued.token());
        return issued;
    }

    private void show(Object returned) {
        exposed.add(String.valueOf(returned));
        if (returned instanceof ValidationResult.Authenticated a) {
            exposed.add(a.principal().toString());
            exposed.add(a.principal().scopes().toString());
        }
    }

    private void fail(Supplier<?> call) {
        try {
            show(call.get());
            throw new AssertionError("expected the call to fail");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                exposed.add(t.toString());
                exposed.add(String.valueOf(t.getMessage()));
                exposed.add(String.valueOf(t.getLocalizedMessage()));
            }
        }
    }

    private static String render(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
        if (e.getArgumentArray() != null) {
            for (Object arg : e.getArgumentArray()) {
                sb.append(" | ").append(arg);
            }
        }
        if (e.getKeyValuePairs() != null) {
            sb.append(" | ").append(e.getKeyValuePairs());
        }
        sb.append(" | ").append(e.getMDCPropertyMap());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (IThrowableProxy s : t.getSuppressed()) {
                sb.append(" | suppressed ").append(s.getClassName()).append(": ").append(s.getMessage());
            }
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append(" | ").append(frame.getSTEAsString());
            }
        }
        return sb.toString();
    }

    // ---- the assertion ------------------------------------------------------------------------

    private void assertNothingSecret(int atLeast) {
        List<String> needles = new ArrayList<>(forbidden);
        for (String t : tokens) {
            needles.add(t);
            String secret = t.substring(16, 48);
            needles.add(secret);
            for (int i = 0; i + 12 <= secret.length(); i++) {
                needles.add(secret.substring(i, i + 12));
            }
        }
        assertThat(exposed).hasSizeGreaterThan(atLeast);
        for (String text : exposed) {
            for (String needle : needles) {
                assertThat(text).as("something shown to a user or a log").doesNotContain(needle);
            }
        }
    }
}
