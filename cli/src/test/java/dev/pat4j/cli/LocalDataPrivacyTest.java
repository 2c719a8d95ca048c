package dev.pat4j.cli;

import static dev.pat4j.cli.JavaProcesses.classPath;
import static dev.pat4j.cli.JavaProcesses.command;
import static dev.pat4j.cli.JavaProcesses.underUmask000;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.cli.internal.JdbcDatabases;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import java.io.File;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's local data is its user's alone (issue 15): {@code ./pat-data/} is 0700 and every
 * file in it 0600 whatever the umask, H2's lock file (which names the port and key of the
 * automatic server) included; the database has a random password kept in a private file there,
 * and another local user can neither read the files nor connect to the running server. A pat
 * 0.1 folder (755, 644, the empty password) is made private and given its password on open.
 */
class LocalDataPrivacyTest {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final String CREATE_LAPTOP = "create --owner alice --name laptop --expires-in 1d --scope code:read";

    @TempDir
    Path dir;

    @Test
    void theDataFolderAndEveryFileInItArePrivateWhateverTheUmask() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        JavaProcesses.Finished created = JavaProcesses.run(underUmask000(command(List.of(), classPath(), PatCli.class,
                CREATE_LAPTOP.split(" "))), home, Map.of());
        assertThat(created.exitCode()).as(created.toString()).isZero();
        Path data = home.resolve("pat-data");
        assertPrivate(data, "pat.mv.db", "pat.password");
        assertThat(Files.readString(data.resolve("pat.password"))).as("32 random bytes, URL-safe Base64")
                .matches("[A-Za-z0-9_-]{43}");

        // a process under umask 000 too holds it open and serves it, as a running demo does
        Process holder = JavaProcesses.hold(underUmask000(command(List.of(), classPath(), DatabaseHolder.class,
                home.toString())), home);
        try {
            assertPrivate(data, "pat.mv.db", "pat.password", "pat.lock.db");
            assertThat(Files.readString(data.resolve("pat.lock.db"))).as("what the lock file tells")
                    .contains("server=", "id=");
            JavaProcesses.Finished listed = JavaProcesses.run(underUmask000(command(List.of(), classPath(),
                    PatCli.class, "list", "--owner", "alice")), home, Map.of());
            assertThat(listed.exitCode()).as(listed.toString()).isZero();
            assertThat(listed.out()).contains("laptop");
            assertPrivate(data, "pat.mv.db", "pat.password", "pat.lock.db");
        } finally {
            JavaProcesses.release(holder);
        }
        assertPrivate(data, "pat.mv.db", "pat.password");
    }

    @Test
    void aPat01FolderIsMadePrivateAndItsDatabaseGivenARandomPasswordOnOpen() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path data = home.resolve("pat-data");
        String token = Pat01DataFolder.create(data);
        assertThat(Files.getPosixFilePermissions(data)).as("as 0.1 left it")
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Connection c = DriverManager.getConnection(Pat01DataFolder.url(data), "", "")) {
            assertThat(c.isValid(1)).as("0.1's empty password").isTrue();
        }

        Cli.Result checked = pat(home, Map.of(), "check", "--header", "Bearer " + token);
        assertThat(checked.exitCode()).as(checked.toString()).isZero();
        assertThat(checked.outLines()).contains("owner:        alice");

        assertPrivate(data, "pat.mv.db", "pat.password");
        String password = Files.readString(data.resolve("pat.password"));
        assertThat(wrongPassword(Pat01DataFolder.url(data), "")).as("the empty password is refused").isTrue();
        try (Connection c = DriverManager.getConnection(Pat01DataFolder.url(data), "", password)) {
            assertThat(c.isValid(1)).isTrue();
        }
        Cli.Result listed = pat(home, Map.of(), "list", "--owner", "alice");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("laptop");
        assertThat(Files.readString(data.resolve("pat.password"))).as("made once").isEqualTo(password);
    }

    /**
     * A 0.1 demo still running holds the database and serves it with the empty password: the
     * CLI, in another process, gives the database its password through that server.
     */
    @Test
    void aPat01DatabaseServedByARunningPat01ProcessGetsItsPasswordThroughThatServer() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path data = home.resolve("pat-data");
        Pat01DataFolder.create(data);
        JdbcDataSource pat01 = Pat01DataFolder.dataSource(data);
        try (Connection running = pat01.getConnection()) { // this JVM is the 0.1 demo: it serves the file
            JavaProcesses.Finished listed = JavaProcesses.run(command(List.of(), classPath(), PatCli.class,
                    "list", "--owner", "alice"), home, Map.of());
            assertThat(listed.exitCode()).as(listed.toString()).isZero();
            assertThat(listed.out()).contains("laptop");
            assertThat(count(running)).as("the 0.1 process keeps working").isEqualTo(1);
        }
        assertThat(wrongPassword(Pat01DataFolder.url(data), "")).isTrue();
        try (Connection c = DriverManager.getConnection(Pat01DataFolder.url(data), "",
                Files.readString(data.resolve("pat.password")))) {
            assertThat(count(c)).isEqualTo(1);
        }
        // the 0.1 process traced the CLI's first login, with pat's password, into a file of the
        // umask's (in the private folder); the next command makes it private too
        assertThat(pat(home, Map.of(), "list", "--owner", "alice").out()).contains("laptop");
        assertPrivate(data, Files.exists(data.resolve("pat.trace.db"))
                ? new String[] {"pat.mv.db", "pat.password", "pat.trace.db"} : new String[] {"pat.mv.db", "pat.password"});
    }

    /**
     * Another local user ({@code nobody}) while the database is served: cannot list the folder
     * or read any file in it (even with the folder opened up, each file keeps them out), so not
     * the lock file's port and key either; given those, connecting without the password fails,
     * so the attack of issue 15 ({@code pat create --db jdbc:h2:tcp://…/KEY}, minting a
     * {@code code:write} token) mints nothing. The controls: the same user reads a file that
     * lets them, and with the password the same command line connects.
     */
    @Test
    void anotherLocalUserCanNeitherReadTheFilesNorConnect() throws Exception {
        List<String> asNobody = OtherUser.prefix(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // only pat's folder protects
        Path home = Files.createDirectory(dir.resolve("home"));
        Path tools = Files.createDirectory(dir.resolve("tools"));
        String nobodysClassPath = readableCopyOfClassPath(tools);
        Process holder = JavaProcesses.hold(underUmask000(command(List.of(), classPath(), DatabaseHolder.class,
                home.toString())), home);
        try {
            Cli.Result created = pat(home, Map.of(), CREATE_LAPTOP.split(" "));
            assertThat(created.exitCode()).as(created.toString()).isZero();
            Path data = home.resolve("pat-data");
            String password = Files.readString(data.resolve("pat.password"));
            Properties lock = new Properties();
            lock.load(new StringReader(Files.readString(data.resolve("pat.lock.db"))));
            String server = lock.getProperty("server");
            String port = server.substring(server.lastIndexOf(':') + 1);
            String tcp = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + lock.getProperty("id");

            Path readable = Files.writeString(tools.resolve("readable.txt"), "anyone may read this");
            Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
            JavaProcesses.Finished control = runAs(asNobody, tools, Map.of(), "cat", readable.toString());
            assertThat(control.exitCode()).as("nobody reads what lets them: " + control).isZero();
            assertThat(control.out()).isEqualTo("anyone may read this");

            List<String> files;
            try (Stream<Path> listing = Files.list(data)) {
                files = listing.map(Path::toString).sorted().toList();
            }
            assertThat(files).contains(data.resolve("pat.lock.db").toString(), data.resolve("pat.password").toString(),
                    data.resolve("pat.mv.db").toString());
            assertRefused(runAs(asNobody, tools, Map.of(), "ls", data.toString()));
            for (String file : files) {
                assertRefused(runAs(asNobody, tools, Map.of(), "cat", file));
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                for (String file : files) {
                    assertRefused(runAs(asNobody, tools, Map.of(), "cat", file));
                }
            } finally {
                Files.setPosixFilePermissions(data, FOLDER);
            }

            JavaProcesses.Finished attack = JavaProcesses.run(command(asNobody, nobodysClassPath, PatCli.class,
                    "create", "--owner", "mallory", "--name", "x", "--expires-in", "1d", "--scope", "code:write",
                    "--db", tcp), tools, Map.of("USER", "mallory"));
            assertThat(attack.exitCode()).as(attack.toString()).isEqualTo(1);
            assertThat(attack.err()).as(attack.toString()).contains("Wrong user name or password");
            assertThat(pat(home, Map.of(), "list", "--owner", "mallory").out()).startsWith("no tokens for mallory");

            JavaProcesses.Finished withPassword = JavaProcesses.run(command(asNobody, nobodysClassPath, PatCli.class,
                    "list", "--owner", "alice", "--db", tcp), tools, Map.of("PAT_DB_PASSWORD", password));
            assertThat(withPassword.exitCode()).as("only the password kept them out: " + withPassword).isZero();
            assertThat(withPassword.out()).contains("laptop");
        } finally {
            JavaProcesses.release(holder);
        }
    }

    @Test
    void aNewDatabaseElsewhereGetsItsOwnPasswordAndOnlyItsOwnFilesAreTouched() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path notes = Files.writeString(shared.resolve("notes.txt"), "the team's");
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));
        String inShared = "jdbc:h2:file:" + shared.resolve("pat");
        Cli.Result created = pat(home, Map.of(), (CREATE_LAPTOP + " --db " + inShared).split(" "));
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(shared)).as("a folder pat did not make").isEqualTo(
                PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(notes)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.getPosixFilePermissions(shared.resolve("pat.mv.db"))).isEqualTo(FILE);
        assertThat(Files.getPosixFilePermissions(shared.resolve("pat.password"))).isEqualTo(FILE);
        assertThat(wrongPassword(inShared, "")).isTrue();
        assertThat(pat(home, Map.of(), "list", "--owner", "alice", "--db", inShared).out()).contains("laptop");

        Path fresh = dir.resolve("fresh/sub");
        Cli.Result inFresh = pat(home, Map.of(), (CREATE_LAPTOP + " --db jdbc:h2:file:" + fresh.resolve("pat"))
                .split(" "));
        assertThat(inFresh.exitCode()).as(inFresh.toString()).isZero();
        assertPrivate(fresh, "pat.mv.db", "pat.password");
    }

    /** An application's H2 file made without a password is not pat's to change: opened alone, as it is. */
    @Test
    void anApplicationsH2FileWithoutAPasswordIsOpenedAloneAndKeepsItsEmptyPassword() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path app = Files.createDirectory(dir.resolve("app"));
        String url = "jdbc:h2:file:" + app.resolve("tokens");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        JdbcTokenStore application = JdbcTokenStore.builder(ds).build();
        application.migrate();
        application.close();
        Files.setPosixFilePermissions(app.resolve("tokens.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        Cli.Result listed = pat(home, Map.of("PAT_DB", url), "list", "--owner", "x");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(app.resolve("tokens.password")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(app.resolve("tokens.mv.db")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            assertThat(c.isValid(1)).as("still the application's empty password").isTrue();
        }

        Cli.Result served = pat(home, Map.of("PAT_DB", url + ";AUTO_SERVER=TRUE"), "list", "--owner", "x");
        assertThat(served.exitCode()).as(served.toString()).isEqualTo(1);
        assertThat(served.err()).contains("AUTO_SERVER=TRUE needs a database password");
    }

    @Test
    void aUrlWhoseOptionsRunCodeIsABadUsageAndCreatesNothing() {
        Path home = dir.resolve("home");
        Path target = dir.resolve("evil/pat");
        Cli.Result refused = pat(home, Map.of(), (CREATE_LAPTOP + " --db jdbc:h2:file:" + target
                + ";INIT=CREATE\\;ALIAS").split(" "));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("--db: the H2 option 'INIT' is refused").doesNotContain("ALIAS");
        assertThat(dir.resolve("evil")).doesNotExist();
        assertThat(home).doesNotExist();
    }

    private static Cli.Result pat(Path home, Map<String, String> env, String... args) {
        return new Cli(env, home, new JdbcDatabases()).run(args);
    }

    /** The folder is 0700 and holds exactly {@code names}, each a regular file 0600. */
    private static void assertPrivate(Path folder, String... names) throws Exception {
        assertThat(Files.getPosixFilePermissions(folder)).as(folder.toString()).isEqualTo(FOLDER);
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(names);
        for (Path file : files) {
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(FILE);
        }
    }

    private static boolean wrongPassword(String url, String password) {
        try (Connection c = DriverManager.getConnection(url, "", password)) {
            return false;
        } catch (SQLException e) {
            return e.getErrorCode() == 28000;
        }
    }

    private static int count(Connection c) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM pat4j_token")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static JavaProcesses.Finished runAs(List<String> asUser, Path workingDirectory, Map<String, String> env,
                                                String... command) throws Exception {
        List<String> line = new ArrayList<>(asUser);
        line.addAll(List.of(command));
        return JavaProcesses.run(line, workingDirectory, env);
    }

    private static void assertRefused(JavaProcesses.Finished run) {
        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).as(run.toString()).contains("Permission denied");
        assertThat(run.out()).isEmpty();
    }

    /** This JVM's class path copied where {@code nobody} can read it (the originals are under /root). */
    private static String readableCopyOfClassPath(Path tools) throws Exception {
        List<String> copies = new ArrayList<>();
        int i = 0;
        for (String entry : classPath().split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = tools.resolve("cp" + i++ + (Files.isDirectory(source) ? "" : ".jar"));
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path p : tree.toList()) {
                    Path target = copy.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(p, p.equals(source) ? copy : target);
                        Files.setPosixFilePermissions(p.equals(source) ? copy : target,
                                PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
            copies.add(copy.toString());
        }
        return String.join(File.pathSeparator, copies);
    }
}
