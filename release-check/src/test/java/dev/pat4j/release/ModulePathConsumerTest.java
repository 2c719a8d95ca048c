package dev.pat4j.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pat4j's library modules as a modular application meets them: a consumer module compiled and
 * run on the module path uses each module's entry point, each module exports exactly its public
 * packages, and code that imports an {@code internal} package does not compile.
 */
class ModulePathConsumerTest {
    /** The exported packages of each library module: the public API, package by package. */
    private static final Map<String, Set<String>> EXPORTS = Map.of(
            "dev.pat4j.core", Set.of("dev.pat4j", "dev.pat4j.event", "dev.pat4j.hash", "dev.pat4j.http", "dev.pat4j.lifecycle", "dev.pat4j.notice",
                    "dev.pat4j.owner", "dev.pat4j.scan", "dev.pat4j.scope", "dev.pat4j.settings", "dev.pat4j.store", "dev.pat4j.token",
                    "dev.pat4j.validation"),
            "dev.pat4j.jdbc", Set.of("dev.pat4j.store.jdbc"),
            "dev.pat4j.servlet", Set.of("dev.pat4j.servlet"),
            "dev.pat4j.jaxrs", Set.of("dev.pat4j.jaxrs"),
            "dev.pat4j.web", Set.of("dev.pat4j.web"),
            "dev.pat4j.micrometer", Set.of("dev.pat4j.micrometer"),
            "dev.pat4j.mail", Set.of("dev.pat4j.mail"),
            "dev.pat4j.webhooks", Set.of("dev.pat4j.webhooks"),
            "dev.pat4j.testkit", Set.of("dev.pat4j.testkit", "dev.pat4j.testkit.http"));

    @TempDir
    Path work;

    @Test
    void eachLibraryModuleExportsExactlyItsPublicPackages() {
        Map<String, Set<String>> found = new TreeMap<>();
        for (ModuleReference ref : ModuleFinder.of(modulePath().toArray(Path[]::new)).findAll()) {
            ModuleDescriptor d = ref.descriptor();
            if (EXPORTS.containsKey(d.name())) {
                assertThat(d.isAutomatic()).as(d.name() + " has a module descriptor").isFalse();
                found.put(d.name(), d.exports().stream().filter(e -> !e.isQualified())
                        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertThat(found).isEqualTo(new TreeMap<>(EXPORTS));
    }

    @Test
    void aConsumerOnTheModulePathUsesEveryModule() throws Exception {
        Path src = work.resolve("consumer-src");
        write(src.resolve("module-info.java"), """
                module consumer {
                    requires dev.pat4j.jdbc;
                    requires com.h2database;
                    requires java.naming; // H2's data source is JNDI-referenceable
                    requires dev.pat4j.servlet;
                    requires dev.pat4j.jaxrs;
                    requires dev.pat4j.testkit;
                    requires dev.pat4j.micrometer;
                    requires dev.pat4j.mail;
                    requires dev.pat4j.webhooks;
                }
                """);
        write(src.resolve("consumer/Main.java"), """
                package consumer;

                import dev.pat4j.Pat4j;
                import dev.pat4j.lifecycle.Actor;
                import dev.pat4j.lifecycle.IssuedToken;
                import dev.pat4j.lifecycle.NewToken;
                import dev.pat4j.micrometer.Pat4jMetrics;
                import dev.pat4j.mail.MailNoticeSender;
                import dev.pat4j.mail.Recipient;
                import dev.pat4j.webhooks.WebhookNoticeSender;
                import dev.pat4j.settings.SecretReference;
                import java.net.URI;
                import java.util.Map;
                import java.util.Optional;
                import dev.pat4j.scope.AzureDevOpsScopes;
                import dev.pat4j.settings.Pat4jSettings;
                import dev.pat4j.store.jdbc.JdbcTokenStore;
                import dev.pat4j.servlet.Pat4jFilter;
                import dev.pat4j.jaxrs.Pat4jFeature;
                import dev.pat4j.testkit.TokenStoreContract;
                import java.time.Duration;
                import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
                import org.h2.jdbcx.JdbcDataSource;

                public class Main {
                    public static void main(String[] args) {
                        // the migrations are resources under META-INF, which the module system never hides
                        JdbcDataSource h2 = new JdbcDataSource();
                        h2.setURL("jdbc:h2:mem:consumer;DB_CLOSE_DELAY=-1");
                        JdbcTokenStore durable = JdbcTokenStore.builder(h2).build();
                        durable.migrate();
                        Pat4jMetrics metrics = new Pat4jMetrics();
                        SimpleMeterRegistry registry = new SimpleMeterRegistry();
                        try (Pat4j pat4j = Pat4j.builder().settings(Pat4jSettings.defaults())
                                .scopes(AzureDevOpsScopes.catalog()).store(durable).observer(metrics).build()) {
                            metrics.watch(pat4j).bindTo(registry);
                            IssuedToken issued = pat4j.tokens().create(NewToken.builder("alice", "module path")
                                    .allOrganizations().lifespan(Duration.ofDays(1)).scopes("code:read").build(),
                                    Actor.user("alice"));
                            System.out.println(pat4j.validator().check("Bearer " + issued.token()).getClass().getSimpleName());
                            System.out.println(Pat4jFilter.builder(pat4j).build().getClass().getName());
                            System.out.println(new Pat4jFeature(pat4j).getClass().getName());
                            System.out.println((long) registry.get("pat4j.checks").tag("outcome", "authenticated")
                                    .functionCounter().count());
                        }
                        durable.close();
                        // the built-in templates are read from the mail module's jar, and Angus found as a service
                        MailNoticeSender mail = MailNoticeSender.builder().smtp("127.0.0.1", 2525)
                                .from("notices@acme.example")
                                .recipients(owner -> Optional.of(Recipient.of(owner + "@acme.example", null))).build();
                        System.out.println(mail.name());
                        SecretReference secret = SecretReference.parse("env:HOOK",
                                Map.of("HOOK", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
                        System.out.println(WebhookNoticeSender.builder().endpoint(URI.create("https://hooks.acme.example/"))
                                .secret(secret).build().name());
                        System.out.println(JdbcTokenStore.class.getModule().getName());
                        System.out.println(TokenStoreContract.class.getModule().getName());
                    }
                }
                """);
        Path classes = work.resolve("consumer-classes");
        String errors = compile(src, classes);
        assertThat(errors).as("the consumer compiles on the module path").isEmpty();

        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + File.pathSeparator + joined(modulePath()),
                "-m", "consumer/consumer.Main");
        Path out = work.resolve("run.out");
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the consumer finishes").isTrue();
        String printed = Files.readString(out);
        assertThat(run.exitValue()).as(printed).isZero();
        assertThat(printed.lines().filter(l -> !l.contains("SLF4J")).toList()).containsExactly(
                "Authenticated", "dev.pat4j.servlet.Pat4jFilter", "dev.pat4j.jaxrs.Pat4jFeature", "1",
                "mail", "webhook", "dev.pat4j.jdbc", "dev.pat4j.testkit");
    }

    @Test
    void codeThatImportsAnInternalPackageDoesNotCompile() throws Exception {
        Path src = work.resolve("intruder-src");
        write(src.resolve("module-info.java"), "module intruder { requires dev.pat4j.jdbc; }\n");
        write(src.resolve("intruder/Peek.java"), """
                package intruder;

                public class Peek {
                    Object codec = new dev.pat4j.internal.TokenCodec("pat");
                    Class<?> rows = dev.pat4j.store.jdbc.internal.TokenRows.class;
                }
                """);
        String errors = compile(src, work.resolve("intruder-classes"));
        assertThat(errors).contains("package dev.pat4j.internal is not visible")
                .contains("package dev.pat4j.store.jdbc.internal is not visible");
    }

    private String compile(Path sourceRoot, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "--module-path", joined(modulePath())));
        try (var files = Files.walk(sourceRoot)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        javac.run(null, err, err, args.toArray(String[]::new));
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<Path> modulePath() {
        return ModulePathEntries.modulePath();
    }

    private static String joined(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
