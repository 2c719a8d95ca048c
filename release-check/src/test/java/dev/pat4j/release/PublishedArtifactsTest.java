package dev.pat4j.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a release would publish, checked where it lands: a copy of the repository is deployed
 * with {@code -Prelease} to a file repository, and every published POM must carry the metadata
 * Maven Central requires (name, description, url, licenses, developers, scm — its own or its
 * parent's), every jar its sources and javadoc jars, the BOM only pat4j's own artifacts, and
 * the demo, the benchmarks and this module must not be there at all.
 */
class PublishedArtifactsTest {
    /** Every artifact a release publishes; a new module must be added here and to the BOM. */
    private static final List<String> PUBLISHED_JARS = List.of(
            "pat4j-core", "pat4j-jdbc", "pat4j-servlet", "pat4j-jaxrs", "pat4j-web", "pat4j-testkit", "pat4j-cli",
            "pat4j-micrometer", "pat4j-mail", "pat4j-webhooks", "pat4j-spring-boot-autoconfigure", "pat4j-spring-boot-starter");
    private static final List<String> NEVER_PUBLISHED = List.of(
            "pat4j-demo", "pat4j-benchmarks", "pat4j-release-check", "pat4j-spring-boot-sample",
            "pat4j-spring-boot-benchmark");

    @TempDir
    static Path work;
    private static Path repository;
    private static final String VERSION = System.getProperty("pat4j.version");

    @BeforeAll
    static void deployACopyToAFileRepository() throws Exception {
        Path source = Path.of(System.getProperty("pat4j.root")).toRealPath();
        Path copy = work.resolve("source");
        copySources(source, copy);
        repository = work.resolve("repository");
        Path log = work.resolve("deploy.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B", "-q", "-Prelease", "-DskipTests",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-DaltDeploymentRepository=release-check::file:" + repository.toAbsolutePath(),
                "-pl", "!release-check",
                "deploy"));
        Process mvn = new ProcessBuilder(command).directory(copy.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = mvn.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            mvn.destroyForcibly();
        }
        assertThat(done && mvn.exitValue() == 0)
                .as("mvn -Prelease deploy of a copy of the repository; its output:%n%s", Files.readString(log))
                .isTrue();
    }

    @Test
    void everyPublishedJarHasItsSourcesAndJavadoc() {
        for (String artifact : PUBLISHED_JARS) {
            Path dir = versionDirectory(artifact);
            for (String classifier : List.of("", "-sources", "-javadoc")) {
                assertThat(hasFile(dir, artifact + "-", classifier + ".jar"))
                        .as("%s%s.jar in %s", artifact, classifier, dir).isTrue();
            }
        }
    }

    @Test
    void everyPublishedPomCarriesTheMetadataCentralRequires() throws Exception {
        Document parent = pom("pat4j-parent");
        Document springParent = pom("pat4j-spring-parent");
        for (String artifact : concat(PUBLISHED_JARS, List.of("pat4j-parent", "pat4j-bom", "pat4j-spring-parent"))) {
            Document pom = pom(artifact);
            for (String element : List.of("name", "description")) {
                assertThat(text(pom, element)).as("%s <%s>", artifact, element).isNotBlank();
            }
            Document inherited = !hasParent(pom) ? pom : artifact.startsWith("pat4j-spring-") ? springParent : parent;
            for (String element : List.of("url", "licenses", "developers", "scm")) {
                String own = text(pom, element);
                assertThat(own.isBlank() ? text(inherited, element) : own)
                        .as("%s <%s>, its own or its parent's", artifact, element).isNotBlank();
            }
            assertThat(text(inherited, "url")).as(artifact).startsWith("https://");
            assertThat(text(inherited, "licenses")).as(artifact).contains("Apache-2.0");
        }
    }

    @Test
    void theBomPinsOnlyPat4jArtifactsAndInheritsNothing() throws Exception {
        Document bom = pom("pat4j-bom");
        assertThat(hasParent(bom)).as("a parent would pass its dependencyManagement on").isFalse();
        NodeList groups = bom.getElementsByTagName("groupId");
        List<String> managed = new ArrayList<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            assertThat(child(d, "groupId")).isEqualTo("dev.pat4j");
            managed.add(child(d, "artifactId"));
        }
        assertThat(groups.getLength()).isPositive();
        assertThat(managed).containsExactlyInAnyOrderElementsOf(PUBLISHED_JARS);
    }

    @Test
    void theDemoTheBenchmarksAndThisCheckAreNeverPublished() {
        for (String artifact : NEVER_PUBLISHED) {
            assertThat(repository.resolve("dev/pat4j/" + artifact)).as(artifact).doesNotExist();
        }
    }

    private static Path versionDirectory(String artifact) {
        return repository.resolve("dev/pat4j/" + artifact + "/" + VERSION);
    }

    /** Snapshot deploys stamp file names with a time and build number, so match by prefix and suffix. */
    private static boolean hasFile(Path dir, String prefix, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.startsWith(prefix) && n.endsWith(suffix)
                            && (!suffix.equals(".jar") || !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar")));
        } catch (IOException e) {
            return false;
        }
    }

    private static Document pom(String artifact) throws Exception {
        Path dir = versionDirectory(artifact);
        Path pom;
        try (Stream<Path> files = Files.list(dir)) {
            pom = files.filter(p -> p.getFileName().toString().endsWith(".pom")).findFirst()
                    .orElseThrow(() -> new AssertionError("no POM of " + artifact + " in " + dir));
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static boolean hasParent(Document pom) {
        return !text(pom, "parent").isBlank();
    }

    /** The text of a direct child of the POM's root element, or "" if it has none. */
    private static String text(Document pom, String element) {
        return child(pom.getDocumentElement(), element);
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The repository's build inputs, without build outputs, local databases or Git's files. */
    private static void copySources(Path from, Path to) throws IOException {
        Set<String> skipped = Set.of("target", ".git", "pat-data", "node_modules", ".idea");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = from.relativize(p);
                boolean skip = false;
                for (Path part : rel) {
                    skip |= skipped.contains(part.toString());
                }
                if (skip) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
