package dev.pat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.cli.internal.CliSettings;
import dev.pat4j.notice.Notice;
import dev.pat4j.notice.NoticeState;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.token.TokenFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's output, refusals and bad-usage paths, run through picocli exactly as the
 * {@code pat} process runs them, on an in-memory store (the same flow on H2 is in
 * {@link CliOnH2Test}).
 */
class CommandsTest {
    @TempDir
    Path home;

    private final InMemoryDatabases databases = new InMemoryDatabases();

    private Cli cli() {
        return new Cli(Map.of("USER", "operator"), home, databases);
    }

    private String createToken(String owner) {
        return createToken(owner, "30d");
    }

    private String createToken(String owner, String expiresIn) {
        String[] args = {"create", "--owner", owner, "--name", "ci", "--org", "acme", "--expires-in", expiresIn,
            "--scope", "code:read"};
        Cli.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.lastOutLine();
    }

    @Test
    void createPrintsIdExpiryAWarningAndTheTokenLast() {
        Cli.Result r = cli().run("create", "--owner", "alice", "--name", "ci build", "--org", "acme",
                "--expires", "2099-01-31", "--scope", "code:read", "--scope", "build:read,code:write");
        // 2099 is beyond the 365-day policy: refused, naming the rule
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("pat create: policy MAX_LIFESPAN").contains("365 days");
        assertThat(r.out()).isEmpty();

        r = cli().run("create", "--owner", "alice", "--name", "ci build", "--org", "acme", "--expires-in", "12h",
                "--scope", "code:read", "--scope", "build:read,code:write");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        String token = r.lastOutLine();
        assertThat(TokenFormat.standard().isWellFormed(token)).isTrue();
        String id = TokenFormat.standard().idOf(token);
        assertThat(r.outLines()).contains("id:           " + id, "owner:        alice", "name:         ci build",
                "organization: acme", "scopes:       build:read code:write",
                "This token will not be shown again. Copy it now:");
        assertThat(r.out()).containsPattern("expires:      \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(r.out().indexOf(token)).isEqualTo(r.out().lastIndexOf(token));
    }

    @Test
    void createWithoutOrganizationIsForAllOrganizationsAndRecordsTheOperator() {
        cli().run("create", "--owner", "alice", "--name", "x", "--scope", "code:read");
        Cli.Result list = cli().run("list", "--owner", "alice", "--json");
        assertThat(list.out()).contains("\"organization\":null", "\"allOrganizations\":true",
                "\"createdBy\":\"operator\"");
    }

    @Test
    void theToolATokenWasCreatedViaIsRecordedAndListed() {
        Cli.Result r = cli().run("create", "--owner", "erin", "--name", "git", "--org", "acme", "--scope", "code:read",
                "--via", "git: https://host/ on MyMachine", "--actor", "erin");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).contains("created by:   erin", "created via:  git: https://host/ on MyMachine");
        cli().run("create", "--owner", "erin", "--name", "by hand", "--scope", "code:read", "--actor", "erin");

        Cli.Result table = cli().run("list", "--owner", "erin");
        assertThat(table.outLines().get(0)).containsSubsequence("STATE", "CREATED BY", "CREATED VIA");
        assertThat(table.out()).contains("git: https://host/ on MyMachine");
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).contains("by hand").containsPattern("erin +-$"));
        assertThat(cli().run("list", "--owner", "erin", "--json").out())
                .contains("\"createdBy\":\"erin\",\"createdVia\":\"git: https://host/ on MyMachine\"")
                .contains("\"createdBy\":\"erin\",\"createdVia\":null");
        assertThat(databases.store.findByOwner("erin")).extracting(t -> t.createdVia())
                .containsExactlyInAnyOrder("git: https://host/ on MyMachine", null);

        Cli.Result blank = cli().run("create", "--owner", "erin", "--name", "x", "--scope", "code:read", "--via", " ");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("createdVia must not be blank");
    }

    @Test
    void unknownScopeIsRefusedNamingTheScope() {
        Cli.Result r = cli().run("create", "--owner", "alice", "--name", "ci", "--scope", "code:read,code:raed");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("pat create: unknown scope: 'code:raed'");
        assertThat(r.out()).isEmpty();
        assertThat(databases.store.findByOwner("alice")).isEmpty();
    }

    @Test
    void fullAccessAndTooManyTokensAreRefusedNamingTheRule() {
        Cli.Result r = cli().run("create", "--owner", "alice", "--name", "root", "--scope", "*");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("pat create: policy FULL_ACCESS");
        r = cli().run("create", "--owner", "alice", "--name", "past", "--expires", "2001-01-01", "--scope", "code:read");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("pat create: policy EXPIRY_NOT_IN_FUTURE");
    }

    @Test
    void listShowsEveryFieldButNeverTheSecret() {
        String token = createToken("bob");
        String id = TokenFormat.standard().idOf(token);
        Cli.Result table = cli().run("list", "--owner", "bob");
        assertThat(table.exitCode()).isZero();
        assertThat(table.outLines().get(0)).containsSubsequence("ID", "NAME", "ORGANIZATION", "SCOPES", "CREATED",
                "EXPIRES", "LAST USED", "STATE");
        assertThat(table.outLines().get(1)).containsSubsequence(id, "ci", "acme", "code:read", "-", "active");
        Cli.Result json = cli().run("list", "--owner", "bob", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out().strip()).startsWith("[{\"id\":\"" + id + "\",\"owner\":\"bob\",\"name\":\"ci\","
                + "\"organization\":\"acme\",\"allOrganizations\":false,\"scopes\":[\"code:read\"],\"createdAt\":\"")
                .contains("\"lastUsedAt\":null", "\"revokedAt\":null", "\"state\":\"active\"").endsWith("}]");
        String secretPart = token.substring(token.length() - 38);
        assertThat(table.out() + json.out()).doesNotContain(secretPart);
        assertThat(cli().run("list", "--owner", "nobody").out()).isEqualTo(String.format("no tokens for nobody%n"));
        assertThat(cli().run("list", "--owner", "nobody", "--json").out().strip()).isEqualTo("[]");
    }

    @Test
    void listJsonEscapesNamesThatNeedIt() {
        cli().run("create", "--owner", "carol", "--name", "say \"hi\" \\ there", "--scope", "code:read");
        assertThat(cli().run("list", "--owner", "carol", "--json").out())
                .contains("\"name\":\"say \\\"hi\\\" \\\\ there\"");
    }

    @Test
    void checkAcceptsTheTokenAsHeaderTokenOrStdinAndRefusesOtherOrganizations() {
        String token = createToken("dave");
        String id = TokenFormat.standard().idOf(token);
        Cli.Result ok = cli().run("check", "--header", "Bearer " + token, "--org", "acme");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.outLines()).contains("authenticated", "owner:        dave", "token id:     " + id,
                "scopes:       code:read");
        assertThat(cli().runWithInput(token + "\n", "check", "--token", "-", "--org", "acme").exitCode()).isZero();
        Cli.Result noOrganization = cli().run("check", "--token", token);
        assertThat(noOrganization.exitCode()).as("a bound token, no organization: as an application would").isEqualTo(1);
        assertThat(noOrganization.errLines()).containsExactly("rejected: organization required (token " + id + ")");
        Cli.Result other = cli().run("check", "--token", token, "--org", "globex");
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.errLines()).containsExactly("rejected: wrong organization (token " + id + ")");
        Cli.Result garbage = cli().run("check", "--header", "Basic !!!");
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.errLines()).containsExactly("rejected: malformed");
    }

    @Test
    void extendScopesRevokeAndRevokeAll() {
        String token = createToken("erin");
        String id = TokenFormat.standard().idOf(token);
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(100);
        Cli.Result extended = cli().run("extend", id, "--expires", day.toString());
        assertThat(extended.exitCode()).as(extended.toString()).isZero();
        assertThat(extended.out().strip()).isEqualTo("token " + id + " now expires at " + day + "T23:59:59Z");
        Cli.Result scoped = cli().run("scopes", id, "--scope", "code:manage", "--scope", "build:read");
        assertThat(scoped.exitCode()).isZero();
        assertThat(scoped.out().strip()).isEqualTo("token " + id + " scopes: build:read code:manage");
        Cli.Result revoked = cli().run("revoke", id, "--actor", "security");
        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).startsWith("token " + id + " revoked at ").contains(" by security");
        Cli.Result late = cli().run("extend", id, "--expires-in", "1d");
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.errLines()).containsExactly("pat extend: token " + id + " is revoked");
        assertThat(cli().run("check", "--token", token).errLines())
                .containsExactly("rejected: revoked (token " + id + ")");

        createToken("frank");
        createToken("frank");
        Cli.Result all = cli().run("revoke-all", "--owner", "frank", "--actor", "security");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out().strip()).isEqualTo("revoked 2 tokens of frank");
        assertThat(cli().run("list", "--owner", "frank").out()).contains("revoked").doesNotContain("active");
    }

    @Test
    void renameChangesTheNameThatListShowsAndRefusesARevokedToken() {
        String id = TokenFormat.standard().idOf(createToken("jill"));
        Cli.Result renamed = cli().run("rename", id, "laptop build agent", "--actor", "jill");
        assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
        assertThat(renamed.out().strip()).isEqualTo("token " + id + " renamed to laptop build agent");
        assertThat(cli().run("list", "--owner", "jill", "--json").out()).contains("\"name\":\"laptop build agent\"");
        assertThat(databases.store.find(id).orElseThrow().name()).isEqualTo("laptop build agent");

        cli().run("revoke", id);
        Cli.Result late = cli().run("rename", id, "too late");
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.errLines()).containsExactly("pat rename: token " + id + " is revoked");
        assertThat(databases.store.find(id).orElseThrow().name()).isEqualTo("laptop build agent");
    }

    @Test
    void renameRefusesANameCreateWouldRefuseBeforeTouchingTheDatabase() {
        String id = TokenFormat.standard().idOf(createToken("kim"));
        for (String bad : List.of(" ", " padded", "line\nbreak", "evil\u202Etxt.exe", "n".repeat(257))) {
            Cli.Result r = cli().run("rename", id, bad);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).startsWith("pat rename: name must").contains("--help");
        }
        assertThat(databases.store.find(id).orElseThrow().name()).isEqualTo("ci");
    }

    @Test
    void listFiltersByStateAndNameAndSortsThroughThePagedListing() {
        for (String name : List.of("ci", "deploy", "CI nightly")) {
            Cli.Result r = cli().run("create", "--owner", "lena", "--name", name, "--scope", "code:read");
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        String deploy = databases.store.findByOwner("lena").stream().filter(t -> t.name().equals("deploy"))
                .findFirst().orElseThrow().id();
        cli().run("revoke", deploy);

        assertThat(names(cli().run("list", "--owner", "lena", "--search", "CI", "--sort", "name")))
                .containsExactly("CI nightly", "ci");
        assertThat(names(cli().run("list", "--owner", "lena", "--sort", "name")))
                .containsExactly("CI nightly", "ci", "deploy");
        assertThat(names(cli().run("list", "--owner", "lena", "--state", "revoked"))).containsExactly("deploy");
        assertThat(names(cli().run("list", "--owner", "lena", "--state", "active,EXPIRED", "--sort", "name")))
                .containsExactly("CI nightly", "ci");
        assertThat(cli().run("list", "--owner", "lena", "--state", "active", "--search", "zzz").out().strip())
                .isEqualTo("no tokens for lena that match");
        assertThat(cli().run("list", "--owner", "lena", "--search", "nightly", "--json").out())
                .contains("\"name\":\"CI nightly\"").doesNotContain("\"name\":\"ci\"");

        for (String[] bad : new String[][] {{"--state", "gone"}, {"--sort", "random"}, {"--search", "a\tb"},
            {"--search", "s".repeat(257)}}) {
            String[] args = {"list", "--owner", "lena", bad[0], bad[1]};
            Cli.Result r = cli().run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
    }

    /** The NAME column of a listing table, in order. */
    private static List<String> names(Cli.Result table) {
        assertThat(table.exitCode()).as(table.toString()).isZero();
        List<String> lines = table.outLines();
        int from = lines.get(0).indexOf("NAME");
        int to = lines.get(0).indexOf("ORGANIZATION");
        return lines.subList(1, lines.size()).stream().map(l -> l.substring(from, to).strip()).toList();
    }

    @Test
    void unknownIdsAreRefused() {
        for (String[] args : new String[][] {{"revoke", "AAAAAAAAAAAA"}, {"extend", "AAAAAAAAAAAA", "--expires-in", "1d"},
            {"scopes", "AAAAAAAAAAAA", "--scope", "code:read"}, {"rename", "AAAAAAAAAAAA", "new name"}}) {
            Cli.Result r = cli().run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.errLines()).containsExactly("pat " + args[0] + ": no token with id AAAAAAAAAAAA");
        }
    }

    /**
     * The operator's pat has no notification sender: notify-expiring raises the due notice into
     * the outbox, says plainly that nothing was sent and exits 1; every notice stays pending, none
     * attempted.
     */
    @Test
    void notifyExpiringWithoutASenderSendsNothingAndSaysSo() {
        String soon = createToken("gina", "2d");
        createToken("gina", "60d");
        String id = TokenFormat.standard().idOf(soon);

        Cli.Result first = cli().run("notify-expiring", "--within", "7d");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(first.outLines()).hasSize(2).last().isEqualTo("1 expiry notice raised");
        assertThat(first.outLines().get(0)).startsWith("token " + id + " (\"ci\") of gina expires at ");
        assertThat(first.errLines()).singleElement().asString().isEqualTo("pat notify-expiring: no notification"
                + " sender is configured here, so no notice was sent; they wait in the outbox (pat notices --state"
                + " pending) for the application's senders");
        assertThat(first.out() + first.err()).doesNotContain("sent\n").doesNotContain("delivered");
        assertThat(databases.store.list(NoticeState.PENDING, 10)).as("two created, one expiring: nothing consumed")
                .hasSize(3).allSatisfy(e -> assertThat(e.attempts()).isZero());

        Cli.Result again = cli().run("notify-expiring");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.outLines()).containsExactly("no new expiry notices");
    }

    @Test
    void notifyExpiringDeliversThroughTheConfiguredSenderOnce() {
        List<Notice> sent = new CopyOnWriteArrayList<>();
        NotificationSender console = new NotificationSender() {
            @Override
            public String name() {
                return "console";
            }

            @Override
            public void send(Notice notice) {
                sent.add(notice);
            }
        };
        Cli withSender = new Cli(Map.of("USER", "operator"), home, databases, List.of(console));
        String soon = createToken("gina", "2d");
        String id = TokenFormat.standard().idOf(soon);

        Cli.Result r = withSender.run("notify-expiring");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).last().isEqualTo("1 expiry notice raised; 2 notices delivered through console");
        assertThat(sent).extracting(Notice::key).containsExactlyInAnyOrder(id + ":created",
                id + ":expiring:7d:" + databases.store.find(id).orElseThrow().expiresAt().toEpochMilli());
        assertThat(withSender.run("notify-expiring").outLines())
                .containsExactly("no new expiry notices; 0 notices delivered through console");
        assertThat(sent).hasSize(2);
        assertThat(databases.store.list(NoticeState.DELIVERED, 10)).hasSize(2)
                .allSatisfy(e -> assertThat(e.deliveredTo()).containsExactly("console"));
    }

    @Test
    void noticesListsTheOutboxByStateWithoutSecrets() {
        String token = createToken("hugo", "3d");
        String id = TokenFormat.standard().idOf(token);
        cli().run("revoke", id, "--actor", "security");

        Cli.Result all = cli().run("notices");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.outLines().get(0)).startsWith("KEY").contains("STATE", "ATTEMPTS", "NEXT ATTEMPT",
                "DELIVERED TO", "LEASE", "LAST ERROR");
        assertThat(all.outLines()).hasSize(3);
        assertThat(all.out()).contains(id + ":created", id + ":revoked-by-administrator", "pending", "security");

        Cli.Result json = cli().run("notices", "--state", "pending", "--json");
        assertThat(json.out()).startsWith("[{\"key\":\"" + id + ":").contains("\"kind\":\"revoked-by-administrator\"",
                "\"state\":\"pending\"", "\"attempts\":0", "\"deliveredTo\":[]", "\"tokenId\":\"" + id + "\"");
        assertThat(cli().run("notices", "--state", "failed,delivered").outLines())
                .containsExactly("no notices in that state");
        for (Cli.Result r : List.of(all, json)) {
            assertThat(r.out() + r.err()).doesNotContain(token.substring(17));
        }
    }

    @Test
    void theDatabaseComesFromTheOptionElseTheEnvironmentElsePatData() {
        cli().run("list", "--owner", "x");
        new Cli(Map.of("PAT_DB", "jdbc:h2:mem:fromenv"), home, databases).run("list", "--owner", "x");
        cli().run("list", "--owner", "x", "--db", "jdbc:postgresql://127.0.0.1/app");
        assertThat(databases.opened).extracting(l -> l.url()).containsExactly(
                "jdbc:h2:file:" + home.resolve("pat-data/pat").toAbsolutePath(),
                "jdbc:h2:mem:fromenv", "jdbc:postgresql://127.0.0.1/app");
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of((Object) new String[] {}),
                Arguments.of((Object) new String[] {"frobnicate"}),
                Arguments.of((Object) new String[] {"create", "--name", "x", "--scope", "code:read"}),
                Arguments.of((Object) new String[] {"create", "--owner", "a", "--name", "x"}),
                Arguments.of((Object) new String[] {"create", "--owner", "a", "--name", "x", "--scope", "code:read",
                    "--org", "acme", "--all-orgs"}),
                Arguments.of((Object) new String[] {"create", "--owner", "a", "--name", "x", "--scope", "code:read",
                    "--expires-in", "30", "--expires", "2027-01-01"}),
                Arguments.of((Object) new String[] {"create", "--owner", "a", "--name", "x", "--scope", "code:read",
                    "--expires-in", "thirty days"}),
                Arguments.of((Object) new String[] {"create", "--owner", "a", "--name", "x", "--scope", "code:read",
                    "--expires", "31/01/2027"}),
                Arguments.of((Object) new String[] {"create", "--owner", " ", "--name", "x", "--scope", "code:read"}),
                Arguments.of((Object) new String[] {"create", "--owner", "a\u0007", "--name", "x", "--scope", "code:read"}),
                Arguments.of((Object) new String[] {"create", "--owner", "a", "--name", "x", "--scope", "code:read",
                    "--actor", ""}),
                Arguments.of((Object) new String[] {"list"}),
                Arguments.of((Object) new String[] {"list", "--owner", "a", "--yaml"}),
                Arguments.of((Object) new String[] {"list", "--owner", "a", "--db", "postgres://x"}),
                Arguments.of((Object) new String[] {"extend", "ID"}),
                Arguments.of((Object) new String[] {"extend", "--expires-in", "1d"}),
                Arguments.of((Object) new String[] {"extend", "ID", "--expires-in", "0d"}),
                Arguments.of((Object) new String[] {"scopes", "ID"}),
                Arguments.of((Object) new String[] {"scopes", "--scope", "code:read"}),
                Arguments.of((Object) new String[] {"rename", "ID"}),
                Arguments.of((Object) new String[] {"rename", "ID", "a", "b"}),
                Arguments.of((Object) new String[] {"revoke"}),
                Arguments.of((Object) new String[] {"revoke", "ID", "extra"}),
                Arguments.of((Object) new String[] {"revoke-all", "--owner", "a"}),
                Arguments.of((Object) new String[] {"revoke-all", "--actor", "root"}),
                Arguments.of((Object) new String[] {"check"}),
                Arguments.of((Object) new String[] {"check", "--header", "x", "--token", "y"}),
                Arguments.of((Object) new String[] {"scan"}),
                Arguments.of((Object) new String[] {"scan", "/definitely/not/here"}),
                Arguments.of((Object) new String[] {"notify-expiring", "--within", "soon"}),
                Arguments.of((Object) new String[] {"notices", "--state", "sent"}),
                Arguments.of((Object) new String[] {"notices", "--limit", "0"}));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsageExitsTwoWithOneLineAndNoStackTrace(String[] args) {
        Cli.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("pat").contains("--help").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(databases.store.findByOwner("a")).isEmpty();
    }

    @Test
    void aTokenPastedInTheWrongPlaceIsNotEchoedInTheError() {
        String token = createToken("hank");
        Cli.Result r = cli().run("check", token);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).doesNotContain(token).contains(TokenFormat.standard().idOf(token));
    }

    @Test
    void withoutSettingsACommandNamesTheDefaultsItUsesOnce() {
        Cli.Result r = cli().run("list", "--owner", "x");
        assertThat(r.exitCode()).isZero();
        assertThat(r.notice().lines()).singleElement().asString().startsWith(CliSettings.NOTICE_START)
                .contains("scopes agentpools:manage", "prefix pat_", "hashing sha256", "at most 365d",
                        "full access refused", "all-organization tokens allowed", "50 active per owner",
                        "--config FILE or $PAT4J_CONFIG");
        assertThat(r.err()).isEmpty();
        assertThat(cli().run("scan", home.toString()).notice()).isNotEmpty();
        assertThat(cli().run("list").notice()).as("bad usage is said first, alone").isEmpty();
        Cli.Result overridden = new Cli(Map.of("PAT4J_TOKEN_PREFIX", "acme"), home, databases).run("scan",
                home.toString());
        assertThat(overridden.notice()).contains("prefix acme_");
    }

    @Test
    void theSettingsFileMayComeBeforeOrAfterTheCommand() throws Exception {
        Path file = home.resolve("app.properties");
        java.nio.file.Files.writeString(file, "pat4j.scope.repo.label = Repositories\npat4j.token.prefix = acme\n");
        for (String[] args : new String[][] {{"--config", file.toString(), "create", "--owner", "a", "--name", "n",
            "--scope", "repo"}, {"create", "--owner", "a", "--name", "n", "--scope", "repo", "--config", file.toString()}}) {
            Cli.Result r = cli().run(args);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.notice()).isEmpty();
            assertThat(r.lastOutLine()).startsWith("acme_");
        }
        assertThat(cli().run("--config", file.toString(), "create", "--help").out().replaceAll("\\s+", " "))
                .contains("Known scopes (app.properties): * repo ('*' is full access, refused by the policy).");
        assertThat(cli().run("scopes", "--help", "--config", file.toString()).out())
                .contains("Known scopes (app.properties): * repo");
    }

    @Test
    void noArgumentThatLooksLikeATokenIsEverRepeated() {
        String token = createToken("ivy");
        String typo = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        String bare = token.substring("pat_".length());
        for (String t : List.of(token, typo, bare)) {
            String secret = t.substring(t.length() - 38);
            List<String[]> runs = List.of(
                    new String[] {"list", "--owner", t}, new String[] {"list", "--owner", t, "--json"},
                    new String[] {"extend", t, "--expires-in", "1d"}, new String[] {"scopes", t, "--scope", "code:read"},
                    new String[] {"rename", t, "new name"},
                    new String[] {"rename", TokenFormat.standard().idOf(token), t},
                    new String[] {"revoke", t}, new String[] {"revoke", TokenFormat.standard().idOf(token), "--actor", t},
                    new String[] {"revoke-all", "--owner", t, "--actor", "sec"},
                    new String[] {"revoke-all", "--owner", "ivy", "--actor", t},
                    new String[] {"create", "--owner", t, "--name", "x", "--scope", "code:read"},
                    new String[] {"create", "--owner", "ivy", "--name", t, "--scope", "code:read"},
                    new String[] {"create", "--owner", "ivy", "--name", "x", "--org", t, "--scope", "code:read"},
                    new String[] {"create", "--owner", "ivy", "--name", "x", "--scope", t},
                    new String[] {"create", "--owner", "ivy", "--name", "x", "--scope", "code:read", "--actor", t},
                    new String[] {"check", "--token", t + "x"}, new String[] {"check", "--org", t, "--token", token},
                    new String[] {"check", "--header", "Bearer " + t + "x"}, new String[] {"check", t},
                    new String[] {"scan", t}, new String[] {"notify-expiring", "--within", t},
                    new String[] {"list", "--owner", "x", "--db", t}, new String[] {"list", "--owner", "x", "--config", t},
                    new String[] {"--config", t, "list", "--owner", "x"}, new String[] {t});
            for (String[] args : runs) {
                Cli.Result r = cli().run(args);
                assertThat(r.out() + r.err() + r.notice()).as(String.join(" ", args) + "\n" + r)
                        .doesNotContain(secret);
            }
        }
        assertThat(databases.store.findByOwner("ivy")).as("nothing was created or revoked").hasSize(1)
                .allSatisfy(t -> assertThat(t.revoked()).isFalse());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"create", "list", "rename", "extend", "scopes", "revoke", "revoke-all", "check",
            "scan", "notify-expiring", "notices"}) {
            Cli.Result r = cli().run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: pat " + command).contains("Example: pat " + command);
        }
        assertThat(cli().run("create", "--help").out()).contains("Known scopes: * agentpools:manage");
        assertThat(cli().run("--help").out()).contains("Exit codes: 0 success, 1 rejected token or refused"
                + " operation, 2 bad usage.");
    }
}
