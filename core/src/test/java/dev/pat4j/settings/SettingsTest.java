package dev.pat4j.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.Pat4j;
import dev.pat4j.hash.SecretHashing;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.PolicyRule;
import dev.pat4j.lifecycle.PolicyViolationException;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.scope.ScopeDefinition;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.Fixtures;
import dev.pat4j.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings file, strictly: every key maps onto its section, every default is the builder's,
 * each wrong key or value is one error naming the key, environment variables override single
 * keys, and secrets exist only as references that no {@code toString()} resolves.
 */
class SettingsTest {
    static final String PEPPER = "acme-pepper-0123456789-0123456789-0123";
    static final String OLD_PEPPER = "acme-pepper-2023-0123456789-0123456789";
    private static final Map<String, String> ENV = Map.of("ACME_PEPPER", PEPPER, "ACME_PEPPER_2023B", OLD_PEPPER,
            "ACME_DB_PASSWORD", "hunter2");

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("acme.properties");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private Pat4jSettings load(String text) throws Exception {
        return Pat4jSettings.load(file(text), ENV);
    }

    private Pat4jSettings load(String text, Map<String, String> env) throws Exception {
        return Pat4jSettings.load(file(text), env);
    }

    private static final String APPLICATION = """
            # an application with its own catalog
            pat4j.token.prefix = acme
            pat4j.scope.repo.label = Full control of repositories
            pat4j.scope.repo.group = Repositories
            pat4j.scope.repo.high-privilege = true
            pat4j.scope.repo.implies = repo:status, read:org
            pat4j.scope.repo:status.label = Commit statuses
            pat4j.scope.read:org.label = Read organizations
            pat4j.scope.vso.code_write.label = Code (read and write)
            pat4j.scope.vso.code_write.implies = repo:status
            pat4j.hashing.algorithm = hmac-sha256
            pat4j.hashing.pepper = env:ACME_PEPPER
            pat4j.hashing.pepper-id = 2024a
            pat4j.hashing.previous-peppers = 2023b:env:ACME_PEPPER_2023B
            pat4j.policy.max-lifespan = 30d
            pat4j.policy.extension-from = creation
            pat4j.policy.allow-full-access = false
            pat4j.policy.allow-all-organizations = false
            pat4j.policy.max-active-per-owner = 10
            pat4j.cache.maximum-size = 5_000
            pat4j.cache.ttl = 2m
            pat4j.cache.negative-maximum-size = 500
            pat4j.cache.negative-ttl = 1500ms
            pat4j.store.url = jdbc:postgresql://db.acme.example/app
            pat4j.store.user = acme
            pat4j.store.password = env:ACME_DB_PASSWORD
            pat4j.store.change-poll-interval = 2s
            pat4j.store.last-used-interval = PT30S
            pat4j.store.query-timeout = 250ms
            pat4j.store.connection-timeout = 2s
            pat4j.store.breaker.failures = 3
            pat4j.store.breaker.cool-down = 20s
            pat4j.notifications.expiry-window = 3d
            pat4j.notifications.interval = 15m
            pat4j.organizations.source = header:X-Org
            """;

    @Test
    void everyKeyMapsOntoItsSection() throws Exception {
        Pat4jSettings s = load(APPLICATION);
        assertThat(s.tokenPrefix()).isEqualTo("acme");
        assertThat(s.scopes().names()).containsExactly("*", "read:org", "repo", "repo:status", "vso.code_write");
        assertThat(s.scopes().definition("repo")).hasValue(new ScopeDefinition("repo", "Full control of repositories",
                "Repositories", true, Set.of("read:org", "repo:status")));
        assertThat(s.scopes().of("vso.code_write").all()).containsExactly("repo:status", "vso.code_write");
        assertThat(s.hashing()).isEqualTo(new Pat4jSettings.Hashing("hmac-sha256", "2024a",
                SecretReference.parse("env:ACME_PEPPER"), Map.of("2023b", SecretReference.parse("env:ACME_PEPPER_2023B")),
                19_456, 2, 1));
        SecretHashing hashing = s.hashing().secretHashing();
        assertThat(hashing.algorithm()).isEqualTo("hmac-sha256$kid=2024a");
        assertThat(hashing.pepperIds()).containsExactly("2023b", "2024a");
        assertThat(hashing).isEqualTo(SecretHashing.hmacSha256("2024a", PEPPER.getBytes(StandardCharsets.UTF_8))
                .withPreviousPepper("2023b", OLD_PEPPER.getBytes(StandardCharsets.UTF_8)));
        assertThat(s.policy()).isEqualTo(new TokenPolicy(Duration.ofDays(30), false, false, 10,
                TokenPolicy.ExtensionBase.CREATION));
        assertThat(s.cache()).isEqualTo(new Pat4jSettings.Cache(5_000, Duration.ofMinutes(2), 500,
                Duration.ofMillis(1500)));
        assertThat(s.store().url()).isEqualTo("jdbc:postgresql://db.acme.example/app");
        assertThat(s.store().user()).isEqualTo("acme");
        assertThat(s.store().password().readString()).isEqualTo("hunter2");
        assertThat(s.store().changePollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.store().lastUsedInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.store().queryTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.store().connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.store().breaker()).isEqualTo(new Pat4jSettings.Breaker(3, Duration.ofSeconds(20)));
        assertThat(s.notifications()).isEqualTo(new Pat4jSettings.Notifications(Duration.ofDays(3),
                Duration.ofMinutes(15)));
        assertThat(s.notices().expirySchedule()).as("the window is the one-threshold schedule")
                .containsExactly(Duration.ofDays(3));
        assertThat(s.organizations().source()).isEqualTo("header:X-Org");
        assertThat(s.summary()).isEqualTo("scopes read:org repo repo:status vso.code_write; prefix acme_; hashing"
                + " hmac-sha256 (pepper 2024a); policy: at most 30d from creation, full access refused,"
                + " all-organization tokens refused, 10 active per owner");
    }

    @Test
    void theDefaultsAreTheBuildersAndThePreset() throws Exception {
        Pat4jSettings d = Pat4jSettings.defaults();
        assertThat(d.scopes().names()).isEqualTo(AzureDevOpsScopes.catalog().names());
        assertThat(d.tokenPrefix()).isEqualTo("pat");
        assertThat(d.hashing()).isEqualTo(Pat4jSettings.Hashing.sha256());
        assertThat(d.hashing().secretHashing()).isEqualTo(SecretHashing.sha256());
        assertThat(d.policy()).isEqualTo(TokenPolicy.defaults());
        assertThat(d.cache()).isEqualTo(Pat4jSettings.Cache.defaults());
        assertThat(d.store()).isEqualTo(Pat4jSettings.Store.defaults());
        assertThat(d.store().queryTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.store().connectionTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.store().breaker()).isEqualTo(new Pat4jSettings.Breaker(5, Duration.ofSeconds(5)));
        assertThat(d.notifications()).isEqualTo(Pat4jSettings.Notifications.defaults());
        assertThat(d.notices()).isEqualTo(Pat4jSettings.Notices.defaults());
        assertThat(d.notices().expirySchedule()).containsExactly(Duration.ofDays(7));
        assertThat(d.organizations()).isEqualTo(Pat4jSettings.Organizations.none());

        Pat4jSettings one = load("pat4j.scope.repo.label = Repositories\n");
        assertThat(one.scopes().names()).containsExactly("*", "repo");
        assertThat(one.tokenPrefix()).isEqualTo("pat");
        assertThat(one.policy()).isEqualTo(TokenPolicy.defaults());
        Pat4jSettings both = load("pat4j.scopes.preset = azure-devops\npat4j.scope.repo.label = Repositories\n"
                + "pat4j.scope.repo.implies = code:read\npat4j.scope.code:read.label = Read the code\n");
        assertThat(both.scopes().of("repo").all()).containsExactly("code:read", "repo");
        assertThat(both.scopes().definition("code:read").orElseThrow().label()).isEqualTo("Read the code");
        assertThat(both.scopes().definition("code:write").orElseThrow().implies()).containsExactly("code:read");
    }

    @Test
    void theNoticesSectionTakesAScheduleLeaseAndBackoffOntoTheBuilder() throws Exception {
        Pat4jSettings s = load("""
                pat4j.scope.repo.label = Repositories
                pat4j.notices.expiry-schedule = 60d, 30d 7d,0d
                pat4j.notices.delivery-interval = 30s
                pat4j.notices.lease = 5m
                pat4j.notices.backoff = 30s
                pat4j.notices.max-backoff = 6h
                """);
        assertThat(s.notices()).isEqualTo(new Pat4jSettings.Notices(List.of(Duration.ZERO, Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofDays(60)), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofHours(6)));
        assertThat(s.notifications().expiryWindow()).as("the widest threshold").isEqualTo(Duration.ofDays(60));

        MutableClock clock = new MutableClock(Fixtures.START);
        try (Pat4j pat4j = Pat4j.builder().settings(s).clock(clock).store(new InMemoryTokenStore()).build()) {
            pat4j.tokens().create(NewToken.builder("alice", "ci").allOrganizations().lifespan(Duration.ofDays(45))
                            .scopes("repo").build(),
                    Actor.user("alice"));
            assertThat(pat4j.notices().raiseExpiring()).as("45 days left: the 60-day threshold").isEqualTo(1);
            assertThat(pat4j.notices().raiseExpiring()).isZero();
            clock.advance(Duration.ofDays(45));
            assertThat(pat4j.notices().raiseExpiring()).as("0d: the expired notice").isEqualTo(1);
        }
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of("pat4j.token.prefx = acme", "pat4j.token.prefx",
                        "unknown key (did you mean pat4j.token.prefix?)"),
                Arguments.of("acme.prefix = acme", "acme.prefix", "unknown key (every key starts with pat4j.)"),
                Arguments.of("pat4j.token.prefix = Acme", "pat4j.token.prefix", "'Acme': token prefix must match"),
                Arguments.of("pat4j.token.prefix =", "pat4j.token.prefix", "has no value"),
                Arguments.of("pat4j.scope.repo.lable = x", "pat4j.scope.repo.lable", "did you mean pat4j.scope.repo.label?"),
                Arguments.of("pat4j.scope.Repo.label = x", "pat4j.scope.Repo.label", "'Repo' is not a scope name"),
                Arguments.of("pat4j.scope.rpo.group = x", "pat4j.scope.rpo.group", "scope 'rpo' is not declared"),
                Arguments.of("pat4j.scope.repo.implies = read:org", "pat4j.scope.repo.implies",
                        "implies 'read:org', which is not declared (declare it with pat4j.scope.read:org.label)"),
                Arguments.of("pat4j.scope.repo.implies = *", "pat4j.scope.repo.implies", "nothing implies it"),
                Arguments.of("pat4j.scope.a.label = A\npat4j.scope.a.implies = b\npat4j.scope.b.label = B\n"
                        + "pat4j.scope.b.implies = a", "pat4j.scope.b.implies", "cycle: a → b → a"),
                Arguments.of("pat4j.scope.repo.high-privilege = yes", "pat4j.scope.repo.high-privilege",
                        "expected true or false"),
                Arguments.of("pat4j.scopes.preset = github", "pat4j.scopes.preset", "expected none or azure-devops"),
                Arguments.of("pat4j.hashing.algorithm = md5", "pat4j.hashing.algorithm",
                        "expected sha256 or hmac-sha256 or argon2id"),
                Arguments.of("pat4j.hashing.algorithm = hmac-sha256", "pat4j.hashing.pepper", "needs a pepper"),
                Arguments.of("pat4j.hashing.algorithm = hmac-sha256\npat4j.hashing.pepper = env:ACME_PEPPER",
                        "pat4j.hashing.pepper-id", "the pepper needs an id"),
                Arguments.of("pat4j.hashing.pepper = env:ACME_PEPPER\npat4j.hashing.pepper-id = 1",
                        "pat4j.hashing.pepper", "used only by pat4j.hashing.algorithm = hmac-sha256"),
                Arguments.of("pat4j.hashing.algorithm = hmac-sha256\npat4j.hashing.pepper = env:ACME_PEPPER\n"
                        + "pat4j.hashing.pepper-id = 2024/a", "pat4j.hashing.pepper-id", "is not a pepper id"),
                Arguments.of("pat4j.hashing.algorithm = hmac-sha256\npat4j.hashing.pepper = env:NOT_SET\n"
                        + "pat4j.hashing.pepper-id = k", "pat4j.hashing.pepper", "environment variable NOT_SET is not set"),
                Arguments.of("pat4j.hashing.algorithm = hmac-sha256\npat4j.hashing.pepper = env:SHORT\n"
                        + "pat4j.hashing.pepper-id = k", "pat4j.hashing.pepper", "at least 32 bytes"),
                Arguments.of("pat4j.hashing.previous-peppers = env:ACME_PEPPER", "pat4j.hashing.previous-peppers",
                        "expected ID:env:NAME"),
                Arguments.of("pat4j.hashing.argon2.iterations = 3", "pat4j.hashing.argon2.iterations",
                        "only used with pat4j.hashing.algorithm = argon2id"),
                Arguments.of("pat4j.hashing.algorithm = argon2id\npat4j.hashing.argon2.iterations = 0",
                        "pat4j.hashing.argon2.iterations", "from 1 to 100"),
                Arguments.of("pat4j.policy.max-lifespan = 30", "pat4j.policy.max-lifespan", "expected a duration"),
                Arguments.of("pat4j.policy.max-lifespan = 0d", "pat4j.policy.max-lifespan", "positive"),
                Arguments.of("pat4j.policy.extension-from = expiry", "pat4j.policy.extension-from",
                        "expected now or creation"),
                Arguments.of("pat4j.policy.max-active-per-owner = many", "pat4j.policy.max-active-per-owner",
                        "whole number"),
                Arguments.of("pat4j.cache.maximum-size = 0", "pat4j.cache.maximum-size", "from 1 to"),
                Arguments.of("pat4j.store.url = postgres://x", "pat4j.store.url", "expected a JDBC URL"),
                Arguments.of("pat4j.store.query-timeout = 500", "pat4j.store.query-timeout", "expected a duration"),
                Arguments.of("pat4j.store.connection-timeout = 0ms", "pat4j.store.connection-timeout", "positive"),
                Arguments.of("pat4j.store.breaker.failures = 0", "pat4j.store.breaker.failures", "from 1 to"),
                Arguments.of("pat4j.store.breaker.cool-down = a while", "pat4j.store.breaker.cool-down", "duration"),
                Arguments.of("pat4j.notifications.interval = soon", "pat4j.notifications.interval", "duration"),
                Arguments.of("pat4j.notices.expiry-schedule = 30d, soon", "pat4j.notices.expiry-schedule",
                        "expected a duration"),
                Arguments.of("pat4j.notices.expiry-schedule = ,", "pat4j.notices.expiry-schedule",
                        "expected durations separated by commas"),
                Arguments.of("pat4j.notices.expiry-schedule = 7d\npat4j.notifications.expiry-window = 3d",
                        "pat4j.notices.expiry-schedule", "not both"),
                Arguments.of("pat4j.notices.lease = 0s", "pat4j.notices.lease", "positive"),
                Arguments.of("pat4j.notices.backoff = 2h", "pat4j.notices.backoff",
                        "pat4j.notices.max-backoff (1h) is shorter than pat4j.notices.backoff (2h)"),
                Arguments.of("pat4j.organizations.source = cookie:org", "pat4j.organizations.source",
                        "expected none, header:NAME or path-segment:INDEX"),
                Arguments.of("pat4j.organizations.source = header:X Org", "pat4j.organizations.source",
                        "not an HTTP header name"));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void eachMistakeIsOneErrorNamingTheKey(String line, String key, String says) throws Exception {
        String text = "pat4j.scope.repo.label = Repositories\n" + line + "\n";
        Map<String, String> env = new HashMap<>(ENV);
        env.put("SHORT", "too-short");
        assertThatThrownBy(() -> load(text, env)).isInstanceOfSatisfying(SettingsException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.getMessage()).startsWith("acme.properties:").contains(key).contains(says);
        });
    }

    @Test
    void aFileWithoutScopesSaysHowToDeclareThem() {
        assertThatThrownBy(() -> load("pat4j.token.prefix = acme\n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.getMessage())
                        .contains("no scope is declared").contains("pat4j.scopes.preset=azure-devops"));
    }

    @Test
    void theSyntaxIsPropertiesWithEqualsOnlyAndNoKeyTwice() throws Exception {
        Pat4jSettings s = load("""
                # comment
                ! also a comment
                pat4j.scope.read:org.label = Read \\
                    organizations
                pat4j.scope.read:org.group=Org\\u00e1nizations \\= and more
                   pat4j.token.prefix=acme
                """);
        assertThat(s.scopes().definition("read:org").orElseThrow().label()).isEqualTo("Read organizations");
        assertThat(s.scopes().definition("read:org").orElseThrow().group()).isEqualTo("Orgánizations = and more");
        assertThat(s.tokenPrefix()).isEqualTo("acme");

        assertThatThrownBy(() -> load("pat4j.scope.a.label = A\npat4j.token.prefix = x1\npat4j.token.prefix = x2\n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("acme.properties:3: pat4j.token.prefix is set twice (first on line 2)"));
        assertThatThrownBy(() -> load("pat4j.scope.a.label = A\npat4j.token.prefix acme\n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.getMessage())
                        .startsWith("acme.properties:2: expected key = value"));
        assertThatThrownBy(() -> load("pat4j.scope.a.label = \\u00zz\n"))
                .isInstanceOf(SettingsException.class).hasMessageContaining("uXXXX");
        assertThatThrownBy(() -> Pat4jSettings.load(dir.resolve("missing.properties"), ENV))
                .isInstanceOf(SettingsException.class).hasMessageEndingWith("missing.properties: no such settings file");
        Path latin1 = dir.resolve("latin1.properties");
        Files.write(latin1, new byte[] {'p', '=', (byte) 0xe9, '\n'});
        assertThatThrownBy(() -> Pat4jSettings.load(latin1, ENV)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void environmentVariablesOverrideSingleKeys() throws Exception {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("PAT4J_TOKEN_PREFIX", "globex");
        env.put("PAT4J_SCOPE_READ_ORG_LABEL", "Read orgs");
        env.put("PAT4J_SCOPE_READ_ORG_HIGH_PRIVILEGE", "true");
        env.put("PAT4J_POLICY_MAX_LIFESPAN", "7d");
        env.put("PAT4J_CONFIG", "/somewhere/acme.properties");
        Pat4jSettings s = load("pat4j.token.prefix = acme\npat4j.scope.read:org.label = Read organizations\n", env);
        assertThat(s.tokenPrefix()).isEqualTo("globex");
        assertThat(s.scopes().definition("read:org")).hasValue(new ScopeDefinition("read:org", "Read orgs", null,
                true, Set.of()));
        assertThat(s.policy().maxLifespan()).isEqualTo(Duration.ofDays(7));
        assertThat(Pat4jSettings.environmentName("pat4j.scope.vso.code_write.high-privilege"))
                .isEqualTo("PAT4J_SCOPE_VSO_CODE_WRITE_HIGH_PRIVILEGE");

        env.put("PAT4J_POLICY_MAX_LIFESPAN", "a week");
        assertThatThrownBy(() -> load("pat4j.scope.repo.label = R\n", env))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.key()).isEqualTo("pat4j.policy.max-lifespan");
                    assertThat(e.getMessage()).startsWith("environment variable PAT4J_POLICY_MAX_LIFESPAN: "
                            + "pat4j.policy.max-lifespan = 'a week'");
                });
        env.remove("PAT4J_POLICY_MAX_LIFESPAN");
        assertThatThrownBy(() -> load("pat4j.scope.repo.label = R\n", env)).as("read:org is not declared here")
                .isInstanceOf(SettingsException.class).hasMessageContaining("PAT4J_SCOPE_READ_ORG_HIGH_PRIVILEGE");
        env.remove("PAT4J_SCOPE_READ_ORG_LABEL");
        env.remove("PAT4J_SCOPE_READ_ORG_HIGH_PRIVILEGE");
        env.put("PAT4J_TOKEN_PERFIX", "acme");
        assertThatThrownBy(() -> load("pat4j.scope.repo.label = R\n", env))
                .isInstanceOf(SettingsException.class)
                .hasMessage("environment variable PAT4J_TOKEN_PERFIX: overrides no settings key (did you mean"
                        + " PAT4J_TOKEN_PREFIX?)");
        env.remove("PAT4J_TOKEN_PERFIX");
        env.put("PAT4J_SCOPE_NEW_LABEL", "x");
        assertThatThrownBy(() -> load("pat4j.scope.repo.label = R\n", env)).as("overrides declare no scopes")
                .isInstanceOf(SettingsException.class).hasMessageContaining("PAT4J_SCOPE_NEW_LABEL");
        env.remove("PAT4J_SCOPE_NEW_LABEL");

        // a variable the settings reference is not a stray override
        env.put("PAT4J_PEPPER", PEPPER);
        assertThat(load("pat4j.scope.repo.label = R\npat4j.hashing.algorithm = hmac-sha256\n"
                + "pat4j.hashing.pepper = env:PAT4J_PEPPER\npat4j.hashing.pepper-id = k1\n", env)
                .hashing().pepperId()).isEqualTo("k1");
        assertThat(Pat4jSettings.defaults(Map.of("PAT4J_TOKEN_PREFIX", "acme")).tokenPrefix()).isEqualTo("acme");
    }

    @Test
    void secretsAreReferencesOnlyAndNeverShown() throws Exception {
        assertThatThrownBy(() -> load("pat4j.scope.a.label = A\npat4j.hashing.algorithm = hmac-sha256\n"
                + "pat4j.hashing.pepper = " + PEPPER + "\npat4j.hashing.pepper-id = k\n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.getMessage())
                        .contains("pat4j.hashing.pepper").contains("by reference only").doesNotContain(PEPPER));
        assertThatThrownBy(() -> load("pat4j.scope.a.label = A\npat4j.store.url = jdbc:postgresql://h/db?password=hunter2\n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.getMessage())
                        .contains("pat4j.store.url").contains("holds a password").doesNotContain("hunter2"));
        assertThatThrownBy(() -> load("pat4j.scope.a.label = A\npat4j.store.password = hunter2\n"))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.getMessage())
                        .contains("pat4j.store.password").doesNotContain("hunter2"));

        Pat4jSettings s = load(APPLICATION);
        String shown = s.toString() + s.hashing() + s.store() + s.hashing().secretHashing();
        assertThat(shown).contains("env:ACME_PEPPER", "env:ACME_DB_PASSWORD", "2024a")
                .doesNotContain(PEPPER).doesNotContain(OLD_PEPPER).doesNotContain("hunter2");
    }

    @Test
    void aPepperFileMustNotBeWorldReadable() throws Exception {
        Path pepper = dir.resolve("pepper");
        Files.writeString(pepper, PEPPER + "\n", StandardCharsets.UTF_8);
        String text = "pat4j.scope.a.label = A\npat4j.hashing.algorithm = hmac-sha256\npat4j.hashing.pepper = file:"
                + pepper + "\npat4j.hashing.pepper-id = k\n";
        boolean posix = Files.getFileAttributeView(pepper, java.nio.file.attribute.PosixFileAttributeView.class) != null;
        if (posix) {
            Files.setPosixFilePermissions(pepper, PosixFilePermissions.fromString("rw-r--r--"));
            assertThatThrownBy(() -> load(text)).isInstanceOfSatisfying(SettingsException.class, e -> {
                assertThat(e.key()).isEqualTo("pat4j.hashing.pepper");
                assertThat(e.getMessage()).contains("readable by every user").contains("chmod o-r")
                        .doesNotContain(PEPPER);
            });
            Files.setPosixFilePermissions(pepper, PosixFilePermissions.fromString("rw-r-----"));
        }
        assertThat(load(text).hashing().secretHashing())
                .as("the file's trailing line break is not part of the pepper")
                .isEqualTo(SecretHashing.hmacSha256("k", PEPPER.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> load(text.replace(pepper.toString(), dir.resolve("none").toString())))
                .isInstanceOf(SettingsException.class).hasMessageContaining("does not exist");
    }

    @Test
    void propertiesFromElsewhereAreReadForTheirPat4jKeysOnly() {
        Properties p = new Properties();
        p.setProperty("server.port", "8080");
        p.setProperty("pat4j.scope.repo.label", "Repositories");
        p.setProperty("pat4j.token.prefix", "acme");
        Pat4jSettings s = Pat4jSettings.fromProperties(p, Map.of());
        assertThat(s.tokenPrefix()).isEqualTo("acme");
        p.setProperty("pat4j.tokn.prefix", "x");
        assertThatThrownBy(() -> Pat4jSettings.fromProperties(p, Map.of())).isInstanceOf(SettingsException.class)
                .hasMessage("properties: pat4j.tokn.prefix: unknown key (did you mean pat4j.token.prefix?)");
    }

    @Test
    void pat4jBuiltFromSettingsFollowsThem() throws Exception {
        Pat4jSettings s = load(APPLICATION);
        try (Pat4j pat4j = Pat4j.builder().settings(s).store(new InMemoryTokenStore()).clock(
                new dev.pat4j.testkit.MutableClock(Fixtures.START)).build()) {
            IssuedToken issued = pat4j.tokens().create(NewToken.builder("alice", "ci").organization("acme")
                    .lifespan(Duration.ofDays(30)).scopes("repo").build(), Actor.user("alice"));
            assertThat(issued.token()).startsWith("acme_");
            assertThat(pat4j.store().find(issued.info().id()).orElseThrow().hashAlgorithm())
                    .isEqualTo("hmac-sha256$kid=2024a");
            assertThat(Fixtures.authenticatedId(pat4j.validator().check("Bearer " + issued.token(), "acme")))
                    .isEqualTo(issued.info().id());
            assertThat(issued.info().scopes().all()).containsExactly("read:org", "repo", "repo:status");
            assertThatThrownBy(() -> pat4j.tokens().create(NewToken.builder("alice", "ci").allOrganizations()
                    .lifespan(Duration.ofDays(1)).scopes("repo").build(), Actor.user("alice")))
                    .isInstanceOfSatisfying(PolicyViolationException.class,
                            e -> assertThat(e.rule()).isEqualTo(PolicyRule.ALL_ORGANIZATIONS));
            assertThat(List.of(pat4j.format().prefix())).containsExactly("acme");
        }
    }
}
