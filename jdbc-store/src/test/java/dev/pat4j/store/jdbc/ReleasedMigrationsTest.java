package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.store.jdbc.internal.Migration;
import dev.pat4j.store.jdbc.internal.Migrations;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Released migrations are never edited: databases everywhere recorded them as applied (with
 * their checksum in pat4j_schema_version, Flyway's CRC32 or Liquibase's MD5), so an edit either
 * never reaches those databases or makes every runner refuse them. This test pins the SHA-256
 * (of the UTF-8 text with LF line endings, as {@code migrate()} computes it) of every migration
 * on main, so that an edit fails the build.
 */
class ReleasedMigrationsTest {
    /** Add a line for each new migration of each dialect; never change a line. */
    private static final Map<String, String> RELEASED = new TreeMap<>(Map.ofEntries(
            Map.entry("META-INF/pat4j/db/h2/V1__token_store.sql",
                    "ff8a6b03275e5eba8854fc91900369d26069d027756235f900683ad4b7b4949f"),
            Map.entry("META-INF/pat4j/db/postgresql/V1__token_store.sql",
                    "23d45edc6b1aeb1f7fdb478b2e252e7fd90e7f26025f1c46e947f6bed69e555c"),
            Map.entry("META-INF/pat4j/db/h2/V2__owner_listing_index.sql",
                    "25338dfee5631faf7a127b9eecfb1b6ab04a78b96d7a8e574c7692c2b0d80fc6"),
            Map.entry("META-INF/pat4j/db/postgresql/V2__owner_listing_index.sql",
                    "a54bcbec8467d4c27cc239e146df81f7c35fbcc1f2be93920a30ed63fba14c7a"),
            Map.entry("META-INF/pat4j/db/h2/V3__token_created_via.sql",
                    "cb9762752fae7d4a966c7ce9dbbb92cdf884d73a68d15116bca29de62653c5e0"),
            Map.entry("META-INF/pat4j/db/postgresql/V3__token_created_via.sql",
                    "8d68dad2c3bbf1958a615e232cb8b9678467ff615413e9f16c39d9769c658444"),
            Map.entry("META-INF/pat4j/db/h2/V4__settings_fingerprint.sql",
                    "4cfde5a124efa861f0b9425b9d66caec688424279d1bcde36e2fcf769ce3def1"),
            Map.entry("META-INF/pat4j/db/postgresql/V4__settings_fingerprint.sql",
                    "b190e95485e7eb919942993f1b7900a78e1c303d38ef81d5c2ed6980e271ccb6"),
            Map.entry("META-INF/pat4j/db/h2/V6__token_paging_indexes.sql",
                    "2b4cad159c1a838b2371d9e96fa8dacedc97d8226162d5d1fc451346ce406504"),
            Map.entry("META-INF/pat4j/db/postgresql/V6__token_paging_indexes.sql",
                    "9400005452d44ace6940d2bfe97080b90bb00226fd7b57ab9520ff74755b16be"),
            Map.entry("META-INF/pat4j/db/h2/V7__notice_outbox.sql",
                    "73dad8be239a8a2e000636e19a03da50d7bd90d6b1592c3375636a6d560ced38"),
            Map.entry("META-INF/pat4j/db/postgresql/V7__notice_outbox.sql",
                    "4c8e8caaf2c12461bd387dd8d813744f9bd6ef321de4ebdcd3eb6a2c5d8c7152")));

    @Test
    void noReleasedMigrationWasEdited() {
        for (JdbcDialect dialect : JdbcDialect.values()) {
            for (Migration m : Migrations.load(dialect.migrationFolder())) {
                String file = m.script().resource();
                String pinned = RELEASED.get(file);
                if (pinned != null) {
                    assertThat(m.checksum())
                            .withFailMessage("%s was released with SHA-256 %s but now has %s: released migrations"
                                    + " are never edited; revert it and add a new version instead (V%d__...sql in"
                                    + " every dialect's folder, Migrations and each changelog.xml)",
                                    file, pinned, m.checksum(), Migrations.latest() + 1)
                            .isEqualTo(pinned);
                }
            }
        }
    }

    @Test
    void everyShippedMigrationIsPinned() {
        for (JdbcDialect dialect : JdbcDialect.values()) {
            for (Migration m : Migrations.load(dialect.migrationFolder())) {
                assertThat(RELEASED)
                        .withFailMessage("%s has no pinned SHA-256: add \"%s\" to RELEASED here; once on main it"
                                + " is released and never edited", m.script().resource(), m.checksum())
                        .containsKey(m.script().resource());
            }
        }
    }
}
