package dev.pat4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which URL, user and password a location is opened with, and what is made on disk for it. */
class ConnectionPlanTest {
    @TempDir
    Path dir;

    private DatabaseLocation defaultLocation() {
        return new DatabaseLocation(DatabaseLocation.defaultUrl(dir), null, null, true);
    }

    @Test
    void theDefaultDatabaseIsSharedBehindItsOwnPasswordAndWritesNoTrace() {
        ConnectionPlan plan = ConnectionPlan.of(defaultLocation(), true);
        assertThat(plan.url()).isEqualTo(DatabaseLocation.defaultUrl(dir) + ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0");
        assertThat(plan.password()).matches("[A-Za-z0-9_-]{43}")
                .isEqualTo(readPassword());
        assertThat(plan.files()).isEqualTo(new H2Files(dir.resolve("pat-data/pat").toAbsolutePath(), true));
        assertThat(plan.soloUrl()).as("a new database has no empty password to replace").isNull();
        assertThat(plan.toString()).doesNotContain(plan.password());
    }

    @Test
    void anExistingDatabaseOfPatsOwnMayBeGivenItsPasswordAloneNeverServed() throws Exception {
        Files.createDirectories(dir.resolve("pat-data"));
        Files.writeString(dir.resolve("pat-data/pat.mv.db"), "");
        String url = DatabaseLocation.defaultUrl(dir) + ";AUTO_SERVER=TRUE";
        ConnectionPlan plan = ConnectionPlan.of(new DatabaseLocation(url, null, null, true), false);
        assertThat(plan.url()).isEqualTo(url + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0");
        assertThat(plan.soloUrl()).isEqualTo(DatabaseLocation.defaultUrl(dir) + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0");
    }

    @Test
    void aMissingDatabaseThatMayNotBeCreatedGetsNothingMade() {
        ConnectionPlan plan = ConnectionPlan.of(defaultLocation(), false);
        assertThat(plan.url()).isEqualTo(DatabaseLocation.defaultUrl(dir) + ";IFEXISTS=TRUE");
        assertThat(plan.password()).isNull();
        assertThat(dir.resolve("pat-data")).doesNotExist();
    }

    @Test
    void givenCredentialsAreUsedAsTheyAreAndOnlyANonEmptyPasswordIsShared() {
        String url = "jdbc:h2:file:" + dir.resolve("app/tokens");
        ConnectionPlan given = ConnectionPlan.of(new DatabaseLocation(url, "app", "s3cret", false), true);
        assertThat(given.url()).isEqualTo(url + ";AUTO_SERVER=TRUE");
        assertThat(given.user()).isEqualTo("app");
        assertThat(given.password()).isEqualTo("s3cret");
        assertThat(given.files()).isNull();
        assertThat(dir.resolve("app/tokens.password")).doesNotExist();

        ConnectionPlan inUrl = ConnectionPlan.of(new DatabaseLocation(url + ";PASSWORD=x", null, null, false), true);
        assertThat(inUrl.url()).isEqualTo(url + ";PASSWORD=x;AUTO_SERVER=TRUE");

        assertThat(ConnectionPlan.of(new DatabaseLocation(url, null, "", false), true).url()).isEqualTo(url);
        assertThatThrownBy(() -> ConnectionPlan.of(new DatabaseLocation(url + ";AUTO_SERVER=TRUE", null, "", false),
                true)).isInstanceOf(CliFailure.class).hasMessageContaining("AUTO_SERVER=TRUE needs a database password");
    }

    @Test
    void otherUrlsAreLeftToTheirDrivers() {
        for (String url : new String[] {"jdbc:h2:mem:x", "jdbc:h2:tcp://127.0.0.1/x", "jdbc:postgresql://h/x",
            "jdbc:h2:nio:/tmp/x"}) {
            ConnectionPlan plan = ConnectionPlan.of(new DatabaseLocation(url, null, null, false), true);
            assertThat(plan.url()).as(url).isEqualTo(url);
            assertThat(plan.password()).as(url).isNull();
            assertThat(plan.files()).as(url).isNull();
        }
    }

    private String readPassword() {
        try {
            return Files.readString(dir.resolve("pat-data/pat.password"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
