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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The scopes an application declares, with the implications between them
 * ({@code code:manage → code:write → code:read}); {@code *} is full access and implies
 * every scope. Each scope may carry a {@link ScopeDefinition}: a label and a group for
 * people, and a high-privilege flag. Built once, immutable, thread-safe; it parses and
 * creates {@link ScopeSet}s.
 *
 * <p><b>Scope names.</b> A name is 1 to 100 characters: a lower-case ASCII letter, then
 * lower-case letters, digits and {@code _}, in segments separated by a single {@code .},
 * {@code :} or {@code -} (never two in a row, never at the end). So the names of the common
 * token systems all fit: {@code code:read}, {@code agentpools:manage} (pat4j's preset),
 * {@code vso.code_write} (Azure DevOps), {@code repo} and {@code read:org} (GitHub),
 * {@code read_api} (GitLab). As a regular expression:
 * {@code [a-z][a-z0-9_]*([.:-][a-z0-9_]+)*}. Upper case, spaces and commas never occur, since
 * {@link #parse} separates names by spaces and commas; {@code *} is reserved for full access.
 */
public final class ScopeCatalog {
    /** The name of full access, which implies every scope of the catalog. */
    public static final String FULL_ACCESS = "*";

    /** The longest scope name accepted. */
    public static final int MAX_NAME_LENGTH = 100;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(?:[.:-][a-z0-9_]+)*");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final int MAX_PARSE_LENGTH = 8192;

    private final String[] names;             // sorted; index 0 is "*"
    private final ScopeDefinition[] definitions; // by index
    private final Map<String, Integer> index;
    private final long[][] closure;           // closure[i] = every scope that i implies, i included
    private final ScopeSet empty;
    private final ScopeSet full;

    private ScopeCatalog(String[] names, ScopeDefinition[] definitions, long[][] closure) {
        this.names = names;
        this.definitions = definitions;
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

    /**
     * How {@code name} was declared: label, group, high-privilege flag and direct implications;
     * empty for an undeclared name. {@code *} is labelled "Full access" and is high-privilege.
     */
    public Optional<ScopeDefinition> definition(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(definitions[i]);
    }

    /** Every scope's definition, sorted by name, {@code *} first. */
    public List<ScopeDefinition> definitions() {
        return List.of(definitions);
    }

    /** Whether {@code name} is a well-formed scope name (see the class description); {@code *} is not one. */
    public static boolean isValidName(@Nullable String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
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

    int indexOf(@Nullable String name) {
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

    static void requireName(@Nullable String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("scope name must be lower-case letters, digits and '_' in segments"
                    + " separated by '.', ':' or '-', starting with a letter, at most " + MAX_NAME_LENGTH
                    + " characters (such as code:read, repo, read:org or vso.code_write): '" + name + "'");
        }
    }

    /**
     * Collects scopes and implication edges; {@link #build()} rejects unknown names and cycles.
     * Not thread-safe: one thread builds a catalog.
     */
    public static final class Builder {
        private final Map<String, Set<String>> edges = new LinkedHashMap<>();
        private final Map<String, ScopeDefinition> described = new HashMap<>();

        private Builder() {
        }

        /**
         * Declares a scope and, optionally, the scopes it directly implies. Its label is its
         * name unless a {@link #scope(ScopeDefinition)} of the same name gives another.
         *
         * @throws IllegalArgumentException if a name is not well formed (see the class description)
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

        /**
         * Declares a scope with its label, group, high-privilege flag and direct implications.
         * Declaring the same name again replaces its label, group and flag and adds its
         * implications to those already given.
         *
         * @throws IllegalArgumentException if the definition names {@code *}
         */
        public Builder scope(ScopeDefinition definition) {
            Objects.requireNonNull(definition, "definition");
            if (FULL_ACCESS.equals(definition.name())) {
                throw new IllegalArgumentException("'*' (full access) is always declared and cannot be redefined");
            }
            edges.computeIfAbsent(definition.name(), n -> new LinkedHashSet<>()).addAll(definition.implies());
            described.put(definition.name(), definition);
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
            ScopeDefinition[] definitions = new ScopeDefinition[names.length];
            definitions[0] = new ScopeDefinition(FULL_ACCESS, "Full access", null, true, Set.of());
            for (int i = 1; i < names.length; i++) {
                ScopeDefinition d = described.getOrDefault(names[i], ScopeDefinition.of(names[i]));
                definitions[i] = d.withImplies(edges.get(names[i]));
            }
            return new ScopeCatalog(names, definitions, closure);
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
    }
}
