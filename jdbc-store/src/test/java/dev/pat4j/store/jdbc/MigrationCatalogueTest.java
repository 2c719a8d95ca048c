package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.store.jdbc.internal.Migration;
import dev.pat4j.store.jdbc.internal.Migrations;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The list of migrations in code ({@link Migrations}), the files in each dialect's folder and
 * each Liquibase changelog agree, and every file is formatted for all three runners. The store
 * never lists the folder (that fails inside jars and on the module path); this test may, since
 * it runs on the build's classes directory.
 */
class MigrationCatalogueTest {

    @Test
    void everyFolderHoldsExactlyTheListedMigrationsAndItsChangelog() throws Exception {
        for (JdbcDialect dialect : JdbcDialect.values()) {
            List<String> files;
            try (Stream<Path> list = Files.list(folder(dialect))) {
                files = list.map(p -> p.getFileName().toString()).sorted(MigrationCatalogueTest::byVersion).toList();
            }
            List<String> expected = new ArrayList<>(Migrations.fileNames());
            expected.add("changelog.xml");
            assertThat(files).as(dialect.migrationFolder()).isEqualTo(expected);
        }
    }

    @Test
    void everyChangelogIncludesTheListedMigrationsInOrderRelativeToItself() throws Exception {
        for (JdbcDialect dialect : JdbcDialect.values()) {
            Document changelog;
            try (InputStream in = resource(SchemaTools.changelog(dialect)).openStream()) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                changelog = factory.newDocumentBuilder().parse(in);
            }
            Element root = changelog.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("databaseChangeLog");
            NodeList children = root.getElementsByTagNameNS("*", "*");
            List<String> included = new ArrayList<>();
            for (int i = 0; i < children.getLength(); i++) {
                Element e = (Element) children.item(i);
                assertThat(e.getLocalName()).as("only includes").isEqualTo("include");
                assertThat(e.getAttribute("relativeToChangelogFile")).isEqualTo("true");
                included.add(e.getAttribute("file"));
            }
            assertThat(included).as(SchemaTools.changelog(dialect)).isEqualTo(Migrations.fileNames());
        }
    }

    /**
     * Liquibase formatted SQL: the header on the first line, then one changeset of author pat4j
     * whose id is the version and whose logicalFilePath is the file's own path (so that its
     * identity in DATABASECHANGELOG does not depend on how an application includes it).
     */
    @Test
    void everyMigrationIsOneLiquibaseChangesetNamedAfterItsVersion() throws Exception {
        for (JdbcDialect dialect : JdbcDialect.values()) {
            List<String> names = Migrations.fileNames();
            for (int i = 0; i < names.size(); i++) {
                int v = Migrations.versions().get(i);
                String path = dialect.migrationFolder() + "/" + names.get(i);
                List<String> lines = text(path).lines().toList();
                assertThat(lines.get(0)).as(path).isEqualTo("--liquibase formatted sql");
                assertThat(lines.stream().filter(l -> l.startsWith("--changeset")).toList()).as(path)
                        .containsExactly("--changeset pat4j:" + v + " logicalFilePath:" + path);
                assertThat(names.get(i)).as("Flyway's versioned name").matches("V" + v + "__[a-z0-9_]+\\.sql");
            }
        }
    }

    @Test
    void everyMigrationLoadsAsStatementsWithoutItsLiquibaseComments() {
        for (JdbcDialect dialect : JdbcDialect.values()) {
            List<Migration> migrations = Migrations.load(dialect.migrationFolder());
            assertThat(migrations).hasSize(Migrations.versions().size());
            assertThat(Migrations.versions()).as("ascending from 1").startsWith(1).isSorted()
                    .doesNotHaveDuplicates().last().isEqualTo(Migrations.latest());
            for (int i = 0; i < migrations.size(); i++) {
                Migration m = migrations.get(i);
                String file = Migrations.fileNames().get(i);
                assertThat(m.version()).isEqualTo(Migrations.versions().get(i));
                assertThat(m.description()).as("Flyway's description of " + file)
                        .isEqualTo(file.substring(file.indexOf("__") + 2, file.length() - 4).replace('_', ' '));
                assertThat(m.script().resource()).isEqualTo(dialect.migrationFolder() + "/" + file);
            }
            assertThat(migrations.get(1).description()).isEqualTo("owner listing index");
            for (Migration m : migrations) {
                assertThat(m.script().statements()).as(m.label()).isNotEmpty()
                        .allSatisfy(sql -> assertThat(sql).doesNotStartWith("--").doesNotContain("liquibase")
                                .doesNotEndWith(";"));
            }
        }
    }

    private static int byVersion(String a, String b) {
        return Integer.compare(version(a), version(b));
    }

    /** V12__x.sql sorts as 12, anything else last. */
    private static int version(String file) {
        return file.matches("V\\d+__.*") ? Integer.parseInt(file.substring(1, file.indexOf("__"))) : Integer.MAX_VALUE;
    }

    private static Path folder(JdbcDialect dialect) throws Exception {
        return Path.of(resource(dialect.migrationFolder()).toURI());
    }

    private static URL resource(String path) {
        URL url = MigrationCatalogueTest.class.getClassLoader().getResource(path);
        assertThat(url).as(path).isNotNull();
        return url;
    }

    private static String text(String path) throws Exception {
        try (InputStream in = resource(path).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
