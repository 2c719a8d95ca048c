package dev.pat4j.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The scopes an application declares, with the implications between them
 * ({@code code:manage → code:write → code:read}); {@code *} is full access and implies
 * every scope. Built once, immutable, thread-safe; it parses and creates {@link ScopeSet}s.
 */
public final class ScopeCatalog {
    /** The name of full access, which implies every scope of the catalog. */
    public static final String FULL_ACCESS = "*";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,31}:[a-z][a-z0-9._-]{0,31}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final int MAX_PARSE_LENGTH = 8192;

    private final String[] names;             // sorted; index 0 is "*"
    private final Map<String, Integer> index;
    private final long[][] closure;           // closure[i] = every scope that i implies, i included
    private final ScopeSet empty;
    private final ScopeSet full;

    private ScopeCatalog(String[] names, long[][] closure) {
        this.names = names;
        this.closure = closure;
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            idx.put(names[i], i);
        }
        this.index = Collections.unmodifiableMap(idx);
        this.empty = new ScopeSet(this, new long[words()]);
        this.full = new ScopeSet(this, closure[0].clone());
    }

    /** Starts a catalog; {@code *} is always present. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a list of scope names separated by spaces or commas.
     *
     * @throws UnknownScopeException if a name is not declared
     * @throws IllegalArgumentException if the text is null or absurdly long
     */
    public ScopeSet parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("scopes must not be null");
        }
        if (text.length() > MAX_PARSE_LENGTH) {
            throw new IllegalArgumentException("scope list too long");
        }
        List<String> names = new ArrayList<>();
        for (String name : SEPARATORS.split(text.strip())) {
            if (!name.isEmpty()) { // a leading separator splits off an empty first name
                names.add(name);
            }
        }
        return of(names);
    }

    /** The closed set of the given names. @throws UnknownScopeException for an undeclared name */
    public ScopeSet of(String... names) {
        return of(Arrays.asList(names));
    }

    /** The closed set of the given names. @throws UnknownScopeException for an undeclared name */
    public ScopeSet of(Collection<String> names) {
        long[] bits = new long[words()];
        for (String name : names) {
            int i = indexOf(name);
            if (i < 0) {
                throw new UnknownScopeException(String.valueOf(name));
            }
            or(bits, closure[i]);
        }
        return new ScopeSet(this, bits);
    }

    /** The set with no scope. */
    public ScopeSet empty() {
        return empty;
    }

    /** The set of {@code *}, which holds every scope. */
    public ScopeSet fullAccess() {
        return full;
    }

    /** Whether {@code name} is declared here ({@code *} always is). */
    public boolean isDeclared(String name) {
        return indexOf(name) >= 0;
    }

    /** Every declared name, sorted, {@code *} first. */
    public List<String> names() {
        return List.of(names);
    }

    /** Every scope that {@code name} implies, itself included, sorted. */
    public Set<String> impliedBy(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new UnknownScopeException(String.valueOf(name));
        }
        return new ScopeSet(this, closure[i].clone()).all();
    }

    int size() {
        return names.length;
    }

    String nameAt(int i) {
        return names[i];
    }

    long[] closureOf(int i) {
        return closure[i];
    }

    int indexOf(String name) {
        if (name == null) {
            return -1;
        }
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    private int words() {
        return (names.length + 63) >>> 6;
    }

    static void or(long[] into, long[] from) {
        for (int w = 0; w < into.length; w++) {
            into[w] |= from[w];
        }
    }

    @Override
    public String toString() {
        return "ScopeCatalog" + names();
    }

    /** Collects scopes and implication edges; {@link #build()} rejects unknown names and cycles. */
    public static final class Builder {
        private final Map<String, Set<String>> edges = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Declares a scope and, optionally, the scopes it directly implies.
         *
         * @throws IllegalArgumentException if the name is not of the form {@code resource:action}
         */
        public Builder scope(String name, String... implies) {
            requireName(name);
            Set<String> targets = edges.computeIfAbsent(name, n -> new LinkedHashSet<>());
            for (String target : implies) {
                requireName(target);
                targets.add(target);
            }
            return this;
        }

        /** Adds implication edges from an already (or later) declared scope. */
        public Builder implies(String from, String... to) {
            return scope(from, to);
        }

        /**
         * Builds the catalog.
         *
         * @throws IllegalArgumentException if an edge names an undeclared scope or the edges form a cycle
         */
        public ScopeCatalog build() {
            for (Map.Entry<String, Set<String>> e : edges.entrySet()) {
                for (String target : e.getValue()) {
                    if (!edges.containsKey(target)) {
                        throw new IllegalArgumentException(
                                "scope '" + e.getKey() + "' implies undeclared scope '" + target + "'");
                    }
                }
            }
            TreeSet<String> sorted = new TreeSet<>(edges.keySet());
            List<String> all = new ArrayList<>(sorted.size() + 1);
            all.add(FULL_ACCESS);
            all.addAll(sorted);
            String[] names = all.toArray(String[]::new);
            Map<String, Integer> idx = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                idx.put(names[i], i);
            }
            int words = (names.length + 63) >>> 6;
            long[][] closure = new long[names.length][];
            int[] state = new int[names.length]; // 0 new, 1 visiting, 2 done
            for (int i = 1; i < names.length; i++) {
                close(i, names, idx, closure, state, words);
            }
            long[] everything = new long[words];
            for (int i = 0; i < names.length; i++) {
                everything[i >>> 6] |= 1L << i;
            }
            closure[0] = everything;
            return new ScopeCatalog(names, closure);
        }

        private long[] close(int i, String[] names, Map<String, Integer> idx, long[][] closure, int[] state, int words) {
            if (state[i] == 2) {
                return closure[i];
            }
            if (state[i] == 1) {
                throw new IllegalArgumentException("scope implications form a cycle through '" + names[i] + "'");
            }
            state[i] = 1;
            long[] bits = new long[words];
            bits[i >>> 6] |= 1L << i;
            for (String target : edges.get(names[i])) {
                or(bits, close(idx.get(target), names, idx, closure, state, words));
            }
            state[i] = 2;
            closure[i] = bits;
            return bits;
        }

        private static void requireName(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "scope name must look like 'resource:action' (lower case): '" + name + "'");
            }
        }
    }
}
