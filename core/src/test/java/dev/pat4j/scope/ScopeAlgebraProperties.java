package dev.pat4j.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scope algebra over randomly generated catalogs: n scopes named {@code r<i>:a<j>} with
 * implication edges only from a higher to a lower index (so the graph is a DAG), declared in a
 * random order, up to 90 scopes so the bit sets span two words. ScopeSets are random closed
 * subsets, sometimes holding {@code *}. Checked against a plain reachability model and the
 * lattice laws.
 */
class ScopeAlgebraProperties {

    /** A generated catalog: names by index, direct edges (to lower indices), and the built catalog. */
    record Dag(List<String> names, List<Set<Integer>> edges, long seed) {
        ScopeCatalog build() {
            return builder(this).build();
        }

        /** Every name reachable from {@code i}, itself included: the reference closure. */
        Set<String> reach(int i) {
            Set<String> out = new TreeSet<>();
            Deque<Integer> todo = new ArrayDeque<>(List.of(i));
            boolean[] seen = new boolean[names.size()];
            while (!todo.isEmpty()) {
                int k = todo.pop();
                if (!seen[k]) {
                    seen[k] = true;
                    out.add(names.get(k));
                    todo.addAll(edges.get(k));
                }
            }
            return out;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Dag[");
            for (int i = 0; i < names.size(); i++) {
                sb.append(names.get(i)).append("->").append(edges.get(i)).append(' ');
            }
            return sb.append(']').toString();
        }
    }

    /** A catalog and three of its sets. */
    record World(Dag dag, ScopeCatalog catalog, ScopeSet a, ScopeSet b, ScopeSet c) {
        @Override
        public String toString() {
            return dag + " a={" + a.format() + "} b={" + b.format() + "} c={" + c.format() + "}";
        }
    }

    // ---- the catalog against a reference --------------------------------------------------------

    @Property(tries = 200)
    void closureMatchesReachability(@ForAll("dags") Dag dag) {
        ScopeCatalog catalog = dag.build();
        List<String> expectedNames = new ArrayList<>(new TreeSet<>(dag.names()));
        expectedNames.add(0, "*");
        assertThat(catalog.names()).containsExactlyElementsOf(expectedNames);
        for (int i = 0; i < dag.names().size(); i++) {
            String name = dag.names().get(i);
            assertThat(catalog.isDeclared(name)).isTrue();
            assertThat(catalog.impliedBy(name)).as(name).containsExactlyElementsOf(dag.reach(i));
            assertThat(catalog.of(name).all()).containsExactlyElementsOf(dag.reach(i));
        }
        assertThat(catalog.impliedBy("*")).containsExactlyElementsOf(expectedNames);
    }

    @Property(tries = 200)
    void aSetHoldsExactlyTheClosureOfItsNames(@ForAll("dags") Dag dag, @ForAll long seed) {
        ScopeCatalog catalog = dag.build();
        Random random = new Random(seed);
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < dag.names().size(); i++) {
            if (random.nextInt(4) == 0) {
                picked.add(i);
            }
        }
        Set<String> expected = new TreeSet<>();
        List<String> names = new ArrayList<>();
        for (int i : picked) {
            expected.addAll(dag.reach(i));
            names.add(dag.names().get(i));
        }
        ScopeSet s = catalog.of(names);
        assertThat(s.all()).containsExactlyElementsOf(expected);
        for (String name : catalog.names()) {
            assertThat(s.contains(name)).as(name).isEqualTo(expected.contains(name));
        }
        assertThat(s.isEmpty()).isEqualTo(picked.isEmpty());
        assertThat(s.isFullAccess()).isFalse();
    }

    // ---- closure and format ---------------------------------------------------------------------

    @Property(tries = 200)
    void closureIsIdempotent(@ForAll("worlds") World w) {
        for (ScopeSet s : List.of(w.a(), w.b(), w.c())) {
            assertThat(w.catalog().of(s.all())).isEqualTo(s);
            assertThat(w.catalog().of(s.minimal())).isEqualTo(s);
            assertThat(s.all()).containsAll(s.minimal());
            for (String name : s.all()) {
                assertThat(s.all()).containsAll(w.catalog().impliedBy(name)); // closed under implication
            }
        }
    }

    @Property(tries = 200)
    void formatIsMinimalSortedAndParsesBack(@ForAll("worlds") World w) {
        ScopeCatalog catalog = w.catalog();
        for (ScopeSet s : List.of(w.a(), w.b(), w.c())) {
            String f = s.format();
            assertThat(catalog.parse(f)).isEqualTo(s);
            assertThat(s.toString()).isEqualTo(f);
            List<String> minimal = new ArrayList<>(s.minimal());
            assertThat(f).isEqualTo(String.join(" ", minimal));
            List<String> sorted = new ArrayList<>(minimal);
            sorted.sort(null);
            assertThat(minimal).isEqualTo(sorted);
            for (String x : minimal) {
                for (String y : minimal) {
                    if (!x.equals(y)) {
                        assertThat(catalog.impliedBy(x)).as("%s implies %s", x, y).doesNotContain(y);
                    }
                }
            }
            assertThat(catalog.parse(" , " + String.join(",\t", s.all()) + "\n")).isEqualTo(s);
            assertThat(catalog.parse(String.join(" ", s.all())).format()).isEqualTo(f);
        }
    }

    // ---- lattice laws ---------------------------------------------------------------------------

    @Property(tries = 200)
    void unionAndIntersectionAreCommutativeAssociativeIdempotent(@ForAll("worlds") World w) {
        ScopeSet a = w.a();
        ScopeSet b = w.b();
        ScopeSet c = w.c();
        assertThat(a.union(b)).isEqualTo(b.union(a));
        assertThat(a.intersect(b)).isEqualTo(b.intersect(a));
        assertThat(a.union(b).union(c)).isEqualTo(a.union(b.union(c)));
        assertThat(a.intersect(b).intersect(c)).isEqualTo(a.intersect(b.intersect(c)));
        assertThat(a.union(a)).isEqualTo(a);
        assertThat(a.intersect(a)).isEqualTo(a);
        assertThat(a.union(b).hashCode()).isEqualTo(b.union(a).hashCode());
    }

    @Property(tries = 200)
    void absorptionAndDistributivity(@ForAll("worlds") World w) {
        ScopeSet a = w.a();
        ScopeSet b = w.b();
        ScopeSet c = w.c();
        assertThat(a.union(a.intersect(b))).isEqualTo(a);
        assertThat(a.intersect(a.union(b))).isEqualTo(a);
        assertThat(a.intersect(b.union(c))).isEqualTo(a.intersect(b).union(a.intersect(c)));
        assertThat(a.union(b.intersect(c))).isEqualTo(a.union(b).intersect(a.union(c)));
    }

    @Property(tries = 200)
    void operationsAreTheSetOperationsOnClosedSets(@ForAll("worlds") World w) {
        ScopeSet a = w.a();
        ScopeSet b = w.b();
        Set<String> union = new TreeSet<>(a.all());
        union.addAll(b.all());
        Set<String> meet = new TreeSet<>(a.all());
        meet.retainAll(b.all());
        assertThat(new TreeSet<>(a.union(b).all())).isEqualTo(union);
        assertThat(new TreeSet<>(a.intersect(b).all())).isEqualTo(meet);
        assertThat(w.catalog().of(union)).isEqualTo(a.union(b));
        assertThat(a.implies(b)).isEqualTo(a.all().containsAll(b.all()));
    }

    @Property(tries = 200)
    void impliesIsTheLatticeOrder(@ForAll("worlds") World w) {
        ScopeSet a = w.a();
        ScopeSet b = w.b();
        ScopeSet c = w.c();
        assertThat(a.implies(a.intersect(b))).isTrue();
        assertThat(a.union(b).implies(a)).isTrue();
        assertThat(a.union(b).implies(b)).isTrue();
        assertThat(a.implies(a)).isTrue();
        assertThat(a.implies(b)).isEqualTo(a.union(b).equals(a)).isEqualTo(a.intersect(b).equals(b));
        if (a.implies(b) && b.implies(a)) {
            assertThat(a).isEqualTo(b);
        }
        if (a.implies(b) && b.implies(c)) {
            assertThat(a.implies(c)).isTrue();
        }
    }

    @Property(tries = 200)
    void fullAccessIsTopAndEmptyIsBottom(@ForAll("worlds") World w) {
        ScopeCatalog catalog = w.catalog();
        ScopeSet full = catalog.fullAccess();
        ScopeSet empty = catalog.empty();
        for (ScopeSet s : List.of(w.a(), w.b(), w.c())) {
            assertThat(full.implies(s)).isTrue();
            assertThat(s.implies(empty)).isTrue();
            assertThat(s.union(full)).isEqualTo(full);
            assertThat(s.intersect(full)).isEqualTo(s);
            assertThat(s.union(empty)).isEqualTo(s);
            assertThat(s.intersect(empty)).isEqualTo(empty);
            assertThat(s.implies(full)).isEqualTo(s.isFullAccess());
        }
        assertThat(catalog.of("*")).isEqualTo(full);
        assertThat(full.isFullAccess()).isTrue();
        assertThat(full.format()).isEqualTo("*");
        assertThat(full.all()).containsExactlyElementsOf(catalog.names());
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.format()).isEmpty();
        assertThat(catalog.parse("  ")).isEqualTo(empty);
        assertThat(catalog.of(List.of())).isEqualTo(empty);
        // Every declared scope without '*' is not full access, and is below it.
        ScopeSet everyNamed = catalog.of(w.dag().names());
        assertThat(everyNamed.isFullAccess()).isFalse();
        assertThat(full.implies(everyNamed)).isTrue();
        assertThat(everyNamed.implies(full)).isFalse();
    }

    // ---- what a catalog refuses -----------------------------------------------------------------

    @Property(tries = 200)
    void aCycleIsRejectedAtBuild(@ForAll("dags") Dag dag, @ForAll long seed) {
        Random random = new Random(seed);
        int from = random.nextInt(dag.names().size());
        List<String> below = new ArrayList<>(dag.reach(from)); // from itself included: a self-loop
        String to = below.get(random.nextInt(below.size()));
        ScopeCatalog.Builder builder = builder(dag).implies(to, dag.names().get(from));
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle");
    }

    @Property(tries = 200)
    void anEdgeToAnUndeclaredNameIsRejectedAtBuild(@ForAll("dags") Dag dag, @ForAll long seed) {
        Random random = new Random(seed);
        String from = dag.names().get(random.nextInt(dag.names().size()));
        ScopeCatalog.Builder builder = builder(dag).implies(from, "zz:undeclared");
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zz:undeclared");
    }

    @Property(tries = 200)
    void unknownNamesAreErrorsNeverDropped(@ForAll("worlds") World w, @ForAll("unknownNames") String unknown) {
        ScopeCatalog catalog = w.catalog();
        List<String> names = new ArrayList<>(w.a().all());
        names.add(unknown);
        Collections.shuffle(names, new Random(names.size()));
        assertThatThrownBy(() -> catalog.of(names)).isInstanceOf(UnknownScopeException.class)
                .satisfies(e -> assertThat(((UnknownScopeException) e).scope()).isEqualTo(unknown));
        if (!unknown.isBlank() && !unknown.matches(".*[\\s,].*")) { // parse reads those as separators
            assertThatThrownBy(() -> catalog.parse(String.join(" ", names))).isInstanceOf(UnknownScopeException.class);
        }
        assertThatThrownBy(() -> catalog.impliedBy(unknown)).isInstanceOf(UnknownScopeException.class);
        assertThat(catalog.isDeclared(unknown)).isFalse();
        assertThat(w.a().contains(unknown)).isFalse();
    }

    @Example
    void namedCatalogErrors() {
        assertThatThrownBy(() -> ScopeCatalog.builder().scope("a:b", "a:b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> ScopeCatalog.builder().scope("a:x", "a:y").scope("a:y", "a:z").scope("a:z", "a:x")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
        for (String bad : new String[] {null, "", "*", "Code:read", "code:Read", "code read", ":read", "code:",
            "1code", "code::read", "code:read.", "a..b", "a,b", "_a", "a:-b", "a".repeat(101)}) {
            assertThatThrownBy(() -> ScopeCatalog.builder().scope(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        ScopeCatalog c = AzureDevOpsScopes.catalog();
        assertThatThrownBy(() -> c.of((String) null)).isInstanceOf(UnknownScopeException.class);
        assertThatThrownBy(() -> c.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.parse("code:read ".repeat(1000))).isInstanceOf(IllegalArgumentException.class);
        ScopeSet other = ScopeCatalog.builder().scope("code:read").build().of("code:read");
        assertThatThrownBy(() -> c.of("code:read").union(other)).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.of("code:read")).isNotEqualTo(other);
    }

    @Example
    void theAzureDevOpsPresetHasTheDocumentedImplications() {
        ScopeCatalog c = AzureDevOpsScopes.catalog();
        assertThat(c.impliedBy("code:full"))
                .containsExactly("code:full", "code:manage", "code:read", "code:status", "code:write");
        assertThat(c.parse("code:read code:write").format()).isEqualTo("code:write");
        assertThat(c.parse("code:manage code:status").format()).isEqualTo("code:manage code:status");
        assertThat(c.parse("code:manage,code:status,code:full").format()).isEqualTo("code:full");
        for (String separated : List.of(",code:read", " , code:read ,", "code:read,,", "\tcode:read\n")) {
            assertThat(c.parse(separated)).as(separated).isEqualTo(c.of("code:read"));
        }
        for (String resource : List.of("agentpools", "auditlog", "build", "code", "packaging", "project", "release",
                "workitems")) {
            assertThat(c.names()).anyMatch(n -> n.startsWith(resource + ":"));
        }
    }

    // ---- generators -----------------------------------------------------------------------------

    @Provide
    Arbitrary<Dag> dags() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 12)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(13, 40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(60, 90)));
        return Combinators.combine(sizes, Arbitraries.integers().between(0, 40), Arbitraries.longs())
                .as((n, densityPercent, seed) -> {
                    Random random = new Random(seed);
                    List<String> names = new ArrayList<>();
                    List<Set<Integer>> edges = new ArrayList<>();
                    double p = densityPercent / 100.0 * Math.min(1.0, 8.0 / n + 0.1);
                    for (int i = 0; i < n; i++) {
                        names.add("r" + i + ":a" + random.nextInt(10));
                        Set<Integer> targets = new LinkedHashSet<>();
                        for (int j = 0; j < i; j++) {
                            if (random.nextDouble() < p) {
                                targets.add(j);
                            }
                        }
                        edges.add(targets);
                    }
                    return new Dag(List.copyOf(names), List.copyOf(edges), seed);
                });
    }

    @Provide
    Arbitrary<World> worlds() {
        return dags().flatMap(dag -> {
            ScopeCatalog catalog = dag.build();
            Arbitrary<ScopeSet> sets = sets(dag, catalog);
            return Combinators.combine(sets, sets, sets).as((a, b, c) -> new World(dag, catalog, a, b, c));
        });
    }

    private static Arbitrary<ScopeSet> sets(Dag dag, ScopeCatalog catalog) {
        Arbitrary<List<String>> picks = Arbitraries.of(dag.names()).list().ofMaxSize(Math.min(8, dag.names().size()));
        Arbitrary<Boolean> withStar = Arbitraries.integers().between(0, 19).map(i -> i == 0);
        return Combinators.combine(picks, withStar).as((names, star) -> {
            List<String> all = new ArrayList<>(names);
            if (star) {
                all.add("*");
            }
            return catalog.of(all);
        });
    }

    @Provide
    Arbitrary<String> unknownNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("r999:a0", "zz:top", "R0:a0", "r0:a10", "r0", "", " ", "**", "r0:a0 "),
                Arbitraries.strings().ofMaxLength(10).filter(s -> !s.matches("r\\d+:a\\d") && !s.equals("*")));
    }

    /** The DAG's scopes and edges, declared in a random order (edges may name later declarations). */
    private static ScopeCatalog.Builder builder(Dag dag) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dag.names().size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(dag.seed()));
        ScopeCatalog.Builder b = ScopeCatalog.builder();
        for (int i : order) {
            String[] targets = dag.edges().get(i).stream().map(dag.names()::get).toArray(String[]::new);
            b.scope(dag.names().get(i), targets);
        }
        return b;
    }
}
