package dev.pat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.cli.internal.JdbcDatabases;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.token.TokenFormat;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI administering an application's real tokens: the application (its own catalog, prefix
 * {@code acme}, a pepper from an environment variable, a 30-day policy whose extensions count
 * from creation, no all-organization tokens) creates tokens through {@code Pat4j.fromSettings}
 * on an H2 file; then every {@code pat} command, given the application's file with
 * {@code --config}, honours all of it, and a {@code pat} with other settings is refused by the
 * database's settings fingerprint, naming the setting.
 */
class ApplicationSettingsTest {
    private static final String PEPPER = "acme-production-pepper-0123456789-abcdefgh";

    @TempDir
    Path dir;

    private Path config;
    private String url;
    private final Map<String, String> env = new HashMap<>(Map.of("ACME_PEPPER", PEPPER, "USER", "operator"));
    private final List<Cli.Result> shown = new ArrayList<>();

    private String oldLaptop; // created 20 days ago
    private String ci;
    private String soon;
    private String leaked;
    private String oldLaptopId;
    private String ciId;

    @BeforeEach
    void anApplicationWithItsOwnSettingsHasTokens() throws Exception {
        url = "jdbc:h2:file:" + dir.resolve("app/tokens").toAbsolutePath();
        config = dir.resolve("acme.properties");
        Files.writeString(config, """
                pat4j.token.prefix = acme
                pat4j.scope.repo.label = Full control of repositories
                pat4j.scope.repo.group = Repositories
                pat4j.scope.repo.high-privilege = true
                pat4j.scope.repo.implies = repo:status
                pat4j.scope.repo:status.label = Commit statuses
                pat4j.scope.read:org.label = Read organizations
                pat4j.scope.vso.code_write.label = Code (read and write)
                pat4j.scope.vso.code_write.implies = repo:status
                pat4j.hashing.algorithm = hmac-sha256
                pat4j.hashing.pepper = env:ACME_PEPPER
                pat4j.hashing.pepper-id = 2024a
                pat4j.policy.max-lifespan = 30d
                pat4j.policy.extension-from = creation
                pat4j.policy.allow-all-organizations = false
                pat4j.notifications.expiry-window = 3d
                pat4j.store.url = %s
                """.formatted(url), StandardCharsets.UTF_8);

        Instant now = Instant.now();
        MutableClock clock = new MutableClock(now.minus(Duration.ofDays(20)));
        application(clock, pat4j -> {
            IssuedToken old = create(pat4j, "alice", "old laptop", Duration.ofDays(30), "repo");
            clock.set(now);
            IssuedToken fresh = create(pat4j, "alice", "ci", Duration.ofDays(30), "read:org", "vso.code_write");
            soon = create(pat4j, "bob", "soon", Duration.ofDays(2), "read:org").token();
            create(pat4j, "carol", "one", Duration.ofDays(30), "repo");
            create(pat4j, "carol", "two", Duration.ofDays(30), "repo");
            leaked = create(pat4j, "dave", "leaked", Duration.ofDays(30), "read:org").token();
            oldLaptop = old.token();
            oldLaptopId = old.info().id();
            ci = fresh.token();
            ciId = fresh.info().id();
            return null;
        });
    }

    /** Runs {@code work} in the application: pat4j from its settings on its database, then closed. */
    private <T> T application(MutableClock clock, Function<Pat4j, T> work) {
        Pat4jSettings settings = Pat4jSettings.load(config, env);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url + ";AUTO_SERVER=TRUE");
        JdbcTokenStore store = JdbcTokenStore.builder(ds).build();
        store.migrate();
        Pat4j.Builder builder = Pat4j.builder().settings(settings).store(store);
        if (clock != null) {
            builder.clock(clock);
        }
        try (Pat4j pat4j = builder.build()) {
            return work.apply(pat4j);
        } finally {
            store.close();
        }
    }

    private ValidationResult applicationChecks(String token) {
        return application(null, pat4j -> pat4j.validator().check("Bearer " + token, "acme"));
    }

    private static IssuedToken create(Pat4j pat4j, String owner, String name, Duration lifespan, String... scopes) {
        return pat4j.tokens().create(NewToken.builder(owner, name).organization("acme").lifespan(lifespan)
                .scopes(scopes).build(), Actor.user(owner));
    }

    private Cli.Result pat(String... args) {
        Cli.Result r = new Cli(env, dir, new JdbcDatabases()).run(args);
        shown.add(r);
        return r;
    }

    private Cli.Result patWithConfig(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return pat(all.toArray(String[]::new));
    }

    private static final TokenFormat ACME = TokenFormat.withPrefix("acme");

    @Test
    void everyCommandHonoursTheApplicationsCatalogPrefixHashingAndPolicy() throws Exception {
        // list shows the application's scopes
        Cli.Result list = patWithConfig("list", "--owner", "alice");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.notice()).as("a settings file needs no notice").isEmpty();
        assertThat(list.outLines()).hasSize(3);
        assertThat(list.out()).contains(ciId, "read:org vso.code_write", oldLaptopId, "repo", "acme");
        assertThat(patWithConfig("list", "--owner", "alice", "--json").out())
                .contains("\"scopes\":[\"read:org\",\"vso.code_write\"]");

        // check accepts its tokens, with the config before or after the command
        Cli.Result check = patWithConfig("check", "--token", ci, "--org", "acme");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.outLines()).contains("owner:        alice", "scopes:       read:org vso.code_write");
        assertThat(pat("--config", config.toString(), "check", "--header", "Bearer " + ci, "--org", "acme").exitCode())
                .isZero();

        // create: the application's prefix, pepper and policy
        Cli.Result created = patWithConfig("create", "--owner", "erin", "--name", "from the cli", "--org", "acme",
                "--expires-in", "10d", "--scope", "vso.code_write");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String cliToken = created.lastOutLine();
        assertThat(ACME.isWellFormed(cliToken)).isTrue();
        assertThat(applicationChecks(cliToken).authenticated()).as("the application accepts the CLI's token").isTrue();
        String algorithm = application(null, p -> p.store().find(ACME.idOf(cliToken)).orElseThrow().hashAlgorithm());
        assertThat(algorithm).isEqualTo("hmac-sha256$kid=2024a");
        for (String[] orgs : new String[][] {{"--all-orgs"}, {}}) {
            List<String> args = new ArrayList<>(List.of("create", "--owner", "erin", "--name", "everywhere",
                    "--scope", "read:org"));
            args.addAll(List.of(orgs));
            Cli.Result everywhere = patWithConfig(args.toArray(String[]::new));
            assertThat(everywhere.exitCode()).as(everywhere.toString()).isEqualTo(1);
            assertThat(everywhere.errLines()).singleElement().asString()
                    .startsWith("pat create: policy ALL_ORGANIZATIONS");
        }
        Cli.Result tooLong = patWithConfig("create", "--owner", "erin", "--name", "x", "--org", "acme",
                "--expires-in", "31d", "--scope", "read:org");
        assertThat(tooLong.errLines()).singleElement().asString().startsWith("pat create: policy MAX_LIFESPAN")
                .contains("30 days");
        assertThat(patWithConfig("create", "--owner", "erin", "--name", "x", "--org", "acme", "--scope", "code:read")
                .errLines()).containsExactly("pat create: unknown scope: 'code:read'");

        // extend: counted from creation, 20 days ago
        Cli.Result beyond = patWithConfig("extend", oldLaptopId, "--expires-in", "20d");
        assertThat(beyond.exitCode()).as(beyond.toString()).isEqualTo(1);
        assertThat(beyond.errLines()).singleElement().asString().startsWith("pat extend: policy MAX_LIFESPAN")
                .contains("from the token's creation");
        Cli.Result within = patWithConfig("extend", oldLaptopId, "--expires-in", "5d");
        assertThat(within.exitCode()).as(within.toString()).isZero();

        // scopes, revoke, revoke-all
        Cli.Result rescoped = patWithConfig("scopes", ciId, "--scope", "repo");
        assertThat(rescoped.out().strip()).isEqualTo("token " + ciId + " scopes: repo");
        assertThat(patWithConfig("scopes", ciId, "--scope", "code:write").errLines())
                .containsExactly("pat scopes: unknown scope: 'code:write'");
        assertThat(patWithConfig("revoke", ciId).exitCode()).isZero();
        assertThat(applicationChecks(ci)).isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, ciId));
        Cli.Result all = patWithConfig("revoke-all", "--owner", "carol", "--actor", "security");
        assertThat(all.out().strip()).isEqualTo("revoked 2 tokens of carol");

        // scan --revoke finds the application's acme_ token and revokes it; a pat_ token is not the application's
        String foreign;
        try (Pat4j other = Pat4j.builder().scopes(AzureDevOpsScopes.catalog()).store(new InMemoryTokenStore()).build()) {
            foreign = other.tokens().create(NewToken.builder("x", "x").allOrganizations().lifespan(Duration.ofDays(1))
                    .scopes("code:read").build(), Actor.user("x")).token();
        }
        Path leak = dir.resolve("repo/build.log");
        Files.createDirectories(leak.getParent());
        Files.writeString(leak, "token=" + leaked + "\nother=" + foreign + "\n", StandardCharsets.UTF_8);
        Cli.Result scan = patWithConfig("scan", "--revoke", leak.toString());
        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(1);
        assertThat(scan.outLines()).containsExactly(leak + ":1:7: token " + ACME.idOf(leaked) + " (revoked)",
                "1 token found in 1 of 1 file scanned");
        assertThat(applicationChecks(leaked).authenticated()).as("the leaked token is dead").isFalse();

        // notify-expiring uses the application's three-day window; the operator's pat has no sender (exit 1)
        Cli.Result notices = patWithConfig("notify-expiring");
        assertThat(notices.exitCode()).as(notices.toString()).isEqualTo(1);
        assertThat(notices.outLines()).hasSize(2);
        assertThat(notices.errLines()).singleElement().asString().contains("no notification sender is configured");
        assertThat(notices.outLines().get(0)).startsWith("token " + ACME.idOf(soon) + " (\"soon\") of bob expires at");

        // no secret of the application's tokens was ever printed (create prints its own token once)
        for (Cli.Result r : shown) {
            for (String token : List.of(oldLaptop, ci, soon, leaked, foreign)) {
                assertThat(r.out() + r.err() + r.notice()).as(r.toString()).doesNotContain(token.substring(17));
            }
        }
        assertThat(shown.stream().filter(r -> r.out().contains(cliToken.substring(17)))).hasSize(1);
    }

    @Test
    void aPatWithOtherSettingsIsRefusedNamingTheSetting() {
        Cli.Result defaults = pat("list", "--owner", "alice", "--db", url);
        assertThat(defaults.exitCode()).as(defaults.toString()).isEqualTo(1);
        assertThat(defaults.notice()).contains("prefix pat_");
        assertThat(defaults.errLines()).singleElement().asString()
                .startsWith("pat list: settings differ from the token store's: pat4j.token.prefix is 'pat' here but"
                        + " 'acme' in the store").endsWith("(pat runs under the application's settings with"
                        + " --config FILE or $PAT4J_CONFIG)");

        env.put("ACME_PEPPER", "a-pepper-that-is-long-enough-but-not-acme-s");
        Cli.Result wrongPepper = patWithConfig("check", "--token", ci);
        assertThat(wrongPepper.exitCode()).isEqualTo(1);
        assertThat(wrongPepper.errLines()).singleElement().asString()
                .contains("pat4j.hashing.pepper is not the pepper 2024a").doesNotContain(PEPPER);

        env.put("ACME_PEPPER", PEPPER);
        env.put("PAT4J_HASHING_PEPPER_ID", "2099x");
        Cli.Result wrongId = patWithConfig("list", "--owner", "alice");
        assertThat(wrongId.errLines()).singleElement().asString()
                .contains("pat4j.hashing.pepper-id is 2099x here but 2024a in the store");

        env.remove("PAT4J_HASHING_PEPPER_ID");
        env.put("PAT4J_CONFIG", config.toString());
        Cli.Result fromEnvironment = pat("list", "--owner", "alice");
        assertThat(fromEnvironment.exitCode()).as("$PAT4J_CONFIG names the file").isZero();
        assertThat(fromEnvironment.out()).contains(ciId);
    }

    @Test
    void aBrokenSettingsFileIsOneLineNamingTheKey() throws Exception {
        Files.writeString(config, Files.readString(config).replace("max-lifespan = 30d", "max-lifespan = 30"));
        Cli.Result r = patWithConfig("list", "--owner", "alice");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("pat list: settings: acme.properties:13: pat4j.policy.max-lifespan"
                + " = '30': expected a duration such as 90m, 12h or 30d (or ISO-8601, PT12H)");
        Cli.Result missing = pat("list", "--owner", "alice", "--config", "nowhere.properties");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString()
                .startsWith("pat list: --config nowhere.properties: no such settings file");
    }
}
