package dev.pat4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.Pat4j;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.StoredToken;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logic of the load and scale harnesses, without timing anything: forged tokens reach the id
 * lookup, the load generator mixes and counts as it says (against the real end-to-end server),
 * percentiles and the generator's line read back, the scale rows are what the benchmark claims,
 * and nginx's configuration keeps every path in its folder.
 */
class HarnessSanityTest {

    @Test
    void forgedTokensPassTheChecksumAndAreRefusedAsUnknown() {
        List<String> forged = TokenSet.forgedBearer(200, 5);
        assertThat(new HashSet<>(forged)).hasSize(200);
        TokenSet set = TokenSet.generate(10);
        try (WarmPat4j warm = new WarmPat4j(set, new CountingStore(new InMemoryTokenStore()))) {
            for (String header : forged) {
                assertThat(warm.validator.check(header)).isInstanceOfSatisfying(ValidationResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN));
            }
        }
    }

    @Test
    void theMixSendsEveryNthRequestFromTheOtherFile() {
        LoadGenerator.Mix half = new LoadGenerator.Mix(List.of("x"), 2);
        assertThat(half.isOther(0)).isFalse();
        assertThat(half.isOther(1)).isTrue();
        LoadGenerator.Mix tenth = new LoadGenerator.Mix(List.of("x"), 10);
        assertThat(java.util.stream.LongStream.range(0, 100).filter(tenth::isOther).count()).isEqualTo(10);
        assertThat(LoadGenerator.Mix.NONE.isOther(1)).isFalse();
    }

    @Test
    void percentilesAreNearestRankOverEverySample() {
        Samples a = new Samples();
        Samples b = new Samples();
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).add(101 - i);
        }
        Samples all = Samples.merge(a, b);
        assertThat(all.size()).isEqualTo(100);
        assertThat(all.percentile(0.50)).isEqualTo(50);
        assertThat(all.percentile(0.99)).isEqualTo(99);
        assertThat(all.percentile(1.0)).isEqualTo(100);
        assertThat(new Samples().percentile(0.99)).isNaN();
    }

    @Test
    void theGeneratorsLineReadsBack() {
        LoadRun run = LoadRun.parse("requests=90 errors=1 seconds=2.000 other=10 other_wrapped=false other_401=9"
                + " other_failed=1 main_p50_us=10.5 main_p99_us=20.0 other_p50_us=5.0 other_p99_us=7.5");
        assertThat(run.ok()).isEqualTo(90);
        assertThat(run.otherWith(401)).isEqualTo(9);
        assertThat(run.otherStatuses()).containsEntry("failed", 1L).hasSize(2);
        assertThat(run.allPerSecond()).isEqualTo(50.5);
        assertThat(run.mainP99Us()).isEqualTo(20.0);
        assertThat(run.otherP99Us()).isEqualTo(7.5);
    }

    @Test
    void aMixedRunAgainstTheServerAnswersValidTokensAndRefusesForgedOnes(@TempDir Path dir) throws Exception {
        TokenSet set = TokenSet.generate(10);
        CountingStore store = new CountingStore(new InMemoryTokenStore());
        set.insertInto(store);
        Path headers = Files.write(dir.resolve("headers"), List.of(set.bearer));
        Path forged = Files.write(dir.resolve("forged"), TokenSet.forgedBearer(100, 9));
        try (Pat4j pat4j = BenchmarkDefaults.pat4j(store).build()) {
            Server server = EndToEnd.start(pat4j);
            try {
                // one connection: its 200 requests alternate exactly (with more, the bound splits them unevenly)
                LoadRun run = LoadRun.run(EndToEnd.port(server), "/pat/", headers, 1, 30, 200, forged, 2);
                assertThat(run.ok() + run.errors() + run.other()).isEqualTo(200);
                assertThat(run.errors()).isZero();
                assertThat(run.other()).isEqualTo(100);
                assertThat(run.otherWith(401)).isEqualTo(100);
                assertThat(run.otherWrapped()).isFalse();
                assertThat(run.mainP99Us()).isPositive();
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void floodFiguresDivideAsTheReportSays() {
        ForgedFlood.Flood flood = new ForgedFlood.Flood(1000, 1000, 30, 2.0);
        assertThat(flood.lookupsPerForged()).isEqualTo(0.03);
        assertThat(flood.budgetAllows(1)).isEqualTo(ForgedFlood.UNSEEN_PER_SECOND * 2.0 + ForgedFlood.UNSEEN_BURST);
    }

    @Test
    void scaleRowsHaveUniqueTokenIdsAndFourTokensPerOwner() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String id = ScaleBenchmark.id(i);
            assertThat(id).hasSize(12).matches("[0-9A-Za-z]{12}");
            ids.add(id);
        }
        assertThat(ids).hasSize(200_000);
        StoredToken row = ScaleBenchmark.row(7);
        assertThat(row.owner()).isEqualTo(ScaleBenchmark.owner(1));
    }

    @Test
    void scaleBenchmarkListsAnOwnersFourTokensAndCreatesOnBothStores() {
        ScaleBenchmark bench = new ScaleBenchmark();
        for (String store : List.of("memory", "h2")) {
            ScaleBenchmark.Filled s = new ScaleBenchmark.Filled();
            s.tokens = 1000;
            s.store = store;
            s.setup();
            try {
                assertThat(bench.listOwner(s, new Cursor())).as(store).hasSize(TokenSet.TOKENS_PER_OWNER);
                assertThat(bench.create(s).info().owner()).isEqualTo("new-owner-" + (ScaleBenchmark.CREATES - 1));
                assertThat(s.pat4j.tokens().listByOwner("new-owner-0")).hasSize(1);
            } finally {
                s.tearDown();
            }
        }
    }

    @Test
    void nginxConfigurationKeepsEveryPathInItsFolder(@TempDir Path dir) {
        String config = ReverseProxy.config(dir, 8081, 9091);
        assertThat(config).contains("pid " + dir.toAbsolutePath() + "/nginx.pid;", "listen 127.0.0.1:8081;",
                "server 127.0.0.1:9091;", "auth_request /_pat4j_auth;", "proxy_pass http://pat4j/auth;",
                "master_process off;");
        for (String line : config.split("\n")) {
            if (line.contains("_path ") || line.contains("_log ") && !line.contains("off")) {
                assertThat(line).as(line).contains(dir.toAbsolutePath().toString());
            }
        }
        ReverseProxy.findNginx("").ifPresent(nginx -> assertThat(Files.isExecutable(nginx)).isTrue());
    }
}
