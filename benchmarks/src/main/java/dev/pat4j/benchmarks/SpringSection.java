package dev.pat4j.benchmarks;

import java.util.Map;
import java.util.Properties;

/**
 * The Spring Boot part of {@link Report}: the two ratios {@link SpringThroughput} measured, with
 * the range its rounds allow, and the section of RESULTS.md that shows its requests per second.
 * Stateless.
 */
final class SpringSection {
    /** pat4j's chain against a {@code permitAll} chain: requests/s, at least this fraction. */
    static final double PERMIT_ALL_BOUND = 0.9;
    /** pat4j's chain against HTTP Basic with a BCrypt (10) user: requests/s, at least this many times. */
    static final double BASIC_BOUND = 100;
    static final String OVER_PERMIT_ALL = "spring_pat4j_over_permitall";
    static final String OVER_BASIC = "spring_pat4j_over_basic";
    /** The system property that names SpringThroughput's properties file for Report (unset: it did not run). */
    static final String RESULTS_PROPERTY = "pat4j.bench.spring";

    private SpringSection() {
    }

    /** Adds the two ratios and their ranges (worst round against best, best against worst). */
    static void addRatios(Properties spring, Map<String, Double> ratios, Map<String, String> ranges) {
        for (String key : new String[] {OVER_PERMIT_ALL, OVER_BASIC}) {
            String value = spring.getProperty(key);
            if (value != null) {
                ratios.put(key, Double.parseDouble(value));
                ranges.put(key, number(spring, key + "_low") + " – " + number(spring, key + "_high"));
            }
        }
    }

    /** The "Spring Boot" section of RESULTS.md. */
    static void appendTo(StringBuilder md, Properties spring) {
        md.append("\n## Spring Boot\n\n");
        if (spring.isEmpty()) {
            md.append("The Spring Boot harness did not run (it runs in full mode).\n");
            return;
        }
        md.append("`SpringThroughput`: the application of `spring-boot/pat4j-spring-boot-benchmark` (Spring Boot, ")
                .append("Tomcat, Spring MVC, one `GET /bench/hello` answering `ok`) started three times, each in its ")
                .append("own JVM (`").append(spring.getProperty("spring_jvm_flags", "?")).append("`), all three ")
                .append("running at once on 127.0.0.1, each behind another Spring Security chain; the load generator ")
                .append("(own JVM) warmed each up for ").append(spring.getProperty("spring_warm_up_rounds", "?"))
                .append(" rounds (the Basic chain, bound by BCrypt, for one), then ran ").append(spring.getProperty("spring_rounds", "?"))
                .append(" rounds of ").append(spring.getProperty("spring_seconds", "?")).append(" s per ")
                .append("configuration in turn with ").append(spring.getProperty("spring_connections", "?"))
                .append(" keep-alive connections, each sending one client's credential on every request. ")
                .append("Requests/s are the mean of the rounds; fewest and most of a round beside them.\n\n");
        md.append("| chain | requests/s | fewest – most |\n| --- | ---: | --- |\n");
        row(md, spring, "pat4j (`Pat4jConfigurer`, a Bearer token per client, cache hit)", "pat4j");
        row(md, spring, "`permitAll` (Spring Security's default filters, no authentication)", "permitall");
        row(md, spring, "HTTP Basic, `InMemoryUserDetailsManager`, `{bcrypt}` strength 10 (one user)", "basic");
    }

    private static void row(StringBuilder md, Properties spring, String what, String configuration) {
        String p = "spring_rps_" + configuration;
        md.append("| ").append(what).append(" | ").append(number(spring, p)).append(" | ")
                .append(number(spring, p + "_min")).append(" – ").append(number(spring, p + "_max")).append(" |\n");
    }

    private static String number(Properties spring, String key) {
        String value = spring.getProperty(key);
        return value == null ? "not measured" : Report.fmt(Double.parseDouble(value));
    }
}
