package dev.pat4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Spring Boot section reads what SpringThroughput writes: its ratios and ranges, its table; nothing when it did not run. */
class SpringSectionTest {

    @Test
    void takesBothRatiosWithTheRangeOfTheRounds() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, String> ranges = new LinkedHashMap<>();
        SpringSection.addRatios(measured(), ratios, ranges);
        assertThat(ratios).containsEntry("spring_pat4j_over_permitall", 0.95).containsEntry("spring_pat4j_over_basic", 420.0);
        assertThat(ranges).containsEntry("spring_pat4j_over_permitall", "0.910 – 0.990")
                .containsEntry("spring_pat4j_over_basic", "300 – 600");
    }

    @Test
    void showsEachChainsRequestsPerSecond() {
        StringBuilder md = new StringBuilder();
        SpringSection.appendTo(md, measured());
        assertThat(md).contains("## Spring Boot", "| 5000 | 4800 – 5200 |", "| 12.0 | 10.0 – 14.0 |", "3 rounds of 10 s");
    }

    @Test
    void saysSoWhenTheHarnessDidNotRun() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        SpringSection.addRatios(new Properties(), ratios, new LinkedHashMap<>());
        StringBuilder md = new StringBuilder();
        SpringSection.appendTo(md, new Properties());
        assertThat(ratios).isEmpty();
        assertThat(md).contains("did not run");
    }

    private static Properties measured() {
        Properties p = new Properties();
        p.setProperty("spring_rps_pat4j", "5000");
        p.setProperty("spring_rps_pat4j_min", "4800");
        p.setProperty("spring_rps_pat4j_max", "5200");
        p.setProperty("spring_rps_basic", "12");
        p.setProperty("spring_rps_basic_min", "10");
        p.setProperty("spring_rps_basic_max", "14");
        p.setProperty("spring_pat4j_over_permitall", "0.95");
        p.setProperty("spring_pat4j_over_permitall_low", "0.91");
        p.setProperty("spring_pat4j_over_permitall_high", "0.99");
        p.setProperty("spring_pat4j_over_basic", "420");
        p.setProperty("spring_pat4j_over_basic_low", "300");
        p.setProperty("spring_pat4j_over_basic_high", "600");
        p.setProperty("spring_rounds", "3");
        p.setProperty("spring_seconds", "10");
        return p;
    }
}
