package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The URL policy over generated URLs: no H2 URL with an {@code INIT} option passes, however its
 * key is cased (dotless i included) or spaced and wherever it stands; every URL the policy lets
 * through, opened by the real H2 driver, runs none of the SQL hidden in it; PostgreSQL's
 * class-loading and file-writing options are refused however cased or percent-encoded.
 */
class JdbcUrlPolicyProperties {
    private static final String PWNED = "CREATE TABLE PWNED(X INT)";
    private static final List<String> BENIGN_H2 = List.of("MODE=PostgreSQL", "LOCK_TIMEOUT=1000", "CACHE_SIZE=8192",
            "DATABASE_TO_UPPER=FALSE", "DEFAULT_NULL_ORDERING=HIGH", "IFEXISTS=FALSE", "ACCESS_MODE_DATA=rw",
            "MAX_COMPACT_TIME=100");
    private static final List<String> HOSTILE_H2 = List.of("INIT=" + PWNED, "LOCK_TIMEOUT=1\\;" + PWNED,
            "MODE=Regular\\;" + PWNED, "CACHE_SIZE=8192\\;" + PWNED, "\u0131nit=" + PWNED, "PASSWORD=\\;INIT=" + PWNED,
            "IGNORE_UNKNOWN_SETTINGS=TRUE", "INIT=RUNSCRIPT FROM 'x.sql'\\;" + PWNED);
    private static final List<String> BENIGN_POSTGRESQL = List.of("sslmode=verify-full", "ApplicationName=pat",
            "connectTimeout=5", "sslrootcert=/etc/ssl/db.pem", "currentSchema=pat", "tcpKeepAlive=true");

    @Property(tries = 1000)
    void noH2UrlWithAnInitOptionPasses(@ForAll("initKeys") String key, @ForAll("spaces") String before,
                                       @ForAll("spaces") String after, @ForAll String value,
                                       @ForAll("benignH2Settings") List<String> others, @ForAll("positions") int at) {
        List<String> settings = new ArrayList<>(others);
        settings.add(Math.min(at, settings.size()), before + key + after + "=" + value);
        String url = "jdbc:h2:file:/srv/app/pat-data/pat;" + String.join(";", settings);
        assertThatThrownBy(() -> JdbcUrlPolicy.check(url, "--db")).as(url).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused");
    }

    @Property(tries = 300)
    void everyH2UrlThePolicyLetsThroughRunsNoSqlInTheRealDriver(@ForAll("mixedH2Settings") List<String> settings) {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";" + String.join(";", settings);
        boolean accepted = accepts(url);
        Statistics.collect(accepted ? "accepted" : "refused");
        if (accepted) {
            assertThat(runsSql(url)).as(url).isFalse();
        }
        if (settings.stream().anyMatch(HOSTILE_H2::contains)) {
            assertThat(accepted).as(url).isFalse();
        }
    }

    /** The oracle above can fail: the same URLs given to H2 directly do run their SQL. */
    @Example
    void theRealDriverRunsTheSqlOfTheseOptionsWhenNothingRefusesThem() {
        for (String hostile : List.of("INIT=" + PWNED, "LOCK_TIMEOUT=1\\;" + PWNED, "\u0131nit=" + PWNED,
                "CACHE_SIZE=8192\\;" + PWNED)) {
            String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";" + hostile;
            assertThat(runsSql(url)).as(url).isTrue();
            assertThat(accepts(url)).as(url).isFalse();
        }
    }

    @Property(tries = 500)
    void h2UrlsOfAllowedSettingsPassInAnyCase(@ForAll("benignH2Settings") List<String> settings) {
        String url = "jdbc:h2:./data/x;" + String.join(";", settings);
        assertThatCode(() -> JdbcUrlPolicy.check(url, "--db")).as(url).doesNotThrowAnyException();
    }

    @Property(tries = 1000)
    void postgresqlOptionsThatLoadClassesOrWriteFilesAreRefusedHoweverWritten(
            @ForAll("refusedPostgresqlKeys") String key, @ForAll("benignPostgresql") List<String> others,
            @ForAll("positions") int at, @ForAll("urlValues") String value) {
        List<String> parameters = new ArrayList<>(others);
        parameters.add(Math.min(at, parameters.size()), key + "=" + value);
        String url = "jdbc:postgresql://db:5432/app?" + String.join("&", parameters);
        assertThatThrownBy(() -> JdbcUrlPolicy.check(url, "--db")).as(url).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is refused").hasMessageNotContaining("=" + value);
    }

    @Property(tries = 300)
    void postgresqlUrlsOfOtherOptionsPass(@ForAll("benignPostgresql") List<String> parameters) {
        String url = "jdbc:postgresql://db:5432/app" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
        assertThatCode(() -> JdbcUrlPolicy.check(url, "--db")).as(url).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<String> initKeys() {
        return anyCase("init", true);
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", "", " ", "\t", "  ", "\u00a0");
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 4);
    }

    @Provide
    Arbitrary<List<String>> benignH2Settings() {
        return Arbitraries.of(BENIGN_H2).flatMap(JdbcUrlPolicyProperties::withKeyInAnyCase).list().ofMaxSize(4)
                .uniqueElements(s -> s.substring(0, s.indexOf('=')).toUpperCase(Locale.ENGLISH));
    }

    @Provide
    Arbitrary<List<String>> mixedH2Settings() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(BENIGN_H2)), Tuple.of(1, Arbitraries.of(HOSTILE_H2)))
                .list().ofMinSize(1).ofMaxSize(4)
                .uniqueElements(s -> s.substring(0, s.indexOf('=')).toUpperCase(Locale.ENGLISH));
    }

    @Provide
    Arbitrary<String> refusedPostgresqlKeys() {
        return Arbitraries.of(JdbcUrlPolicy.POSTGRESQL_REFUSED.stream().sorted().toList())
                .flatMap(k -> anyCase(k, false)).flatMap(JdbcUrlPolicyProperties::partlyPercentEncoded)
                .flatMap(k -> Arbitraries.of("", "%20", " ").map(pad -> pad + k + pad));
    }

    @Provide
    Arbitrary<List<String>> benignPostgresql() {
        return Arbitraries.of(BENIGN_POSTGRESQL).list().ofMaxSize(3).uniqueElements();
    }

    @Provide
    Arbitrary<String> urlValues() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('.', '/', ':').ofMinLength(1).ofMaxLength(30);
    }

    private static Arbitrary<String> withKeyInAnyCase(String setting) {
        int equals = setting.indexOf('=');
        return anyCase(setting.substring(0, equals), false).map(k -> k + setting.substring(equals));
    }

    /** {@code word} with each letter upper or lower case, and each i possibly the dotless ı. */
    private static Arbitrary<String> anyCase(String word, boolean dotless) {
        return Arbitraries.randomValue(random -> {
            StringBuilder b = new StringBuilder();
            for (char c : word.toCharArray()) {
                boolean i = Character.toLowerCase(c) == 'i';
                b.append(dotless && i && random.nextInt(4) == 0 ? '\u0131'
                        : random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return b.toString();
        });
    }

    private static Arbitrary<String> partlyPercentEncoded(String key) {
        return Arbitraries.randomValue((Random random) -> {
            StringBuilder b = new StringBuilder();
            for (char c : key.toCharArray()) {
                b.append(random.nextInt(5) == 0 ? String.format("%%%02X", (int) c) : String.valueOf(c));
            }
            return b.toString();
        });
    }

    private static boolean accepts(String url) {
        try {
            JdbcUrlPolicy.check(url, "--db");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether opening {@code url} with H2 created the table the hostile options try to create. */
    private static boolean runsSql(String url) {
        try (Connection c = DriverManager.getConnection(url, "", "");
             ResultSet r = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'PWNED'")) {
            r.next();
            return r.getInt(1) > 0;
        } catch (SQLException e) {
            return false; // H2 refused the URL: nothing ran
        }
    }
}
