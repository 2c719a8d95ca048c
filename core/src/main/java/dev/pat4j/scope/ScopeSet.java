package dev.pat4j.scope;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An immutable set of scopes closed under the implications of its {@link ScopeCatalog}.
 * Union and intersection of closed sets stay closed, so the sets form a distributive
 * lattice; {@link #format()} prints the minimal, sorted form that {@link ScopeCatalog#parse}
 * reads back.
 */
public final class ScopeSet {
    private final ScopeCatalog catalog;
    private final long[] bits;
    private String formatted; // racy single-check: the value is deterministic

    ScopeSet(ScopeCatalog catalog, long[] bits) {
        this.catalog = catalog;
        this.bits = bits;
    }

    /** The catalog this set belongs to. */
    public ScopeCatalog catalog() {
        return catalog;
    }

    /** Whether the set holds {@code scope}, itself or through implication; false for undeclared names. */
    public boolean contains(String scope) {
        int i = catalog.indexOf(scope);
        return i >= 0 && (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** Whether every scope of {@code other} is in this set. */
    public boolean implies(ScopeSet other) {
        requireSameCatalog(other);
        for (int w = 0; w < bits.length; w++) {
            if ((other.bits[w] & ~bits[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The scopes in either set. */
    public ScopeSet union(ScopeSet other) {
        requireSameCatalog(other);
        long[] out = new long[bits.length];
        for (int w = 0; w < bits.length; w++) {
            out[w] = bits[w] | other.bits[w];
        }
        return new ScopeSet(catalog, out);
    }

    /** The scopes in both sets. */
    public ScopeSet intersect(ScopeSet other) {
        requireSameCatalog(other);
        long[] out = new long[bits.length];
        for (int w = 0; w < bits.length; w++) {
            out[w] = bits[w] & other.bits[w];
        }
        return new ScopeSet(catalog, out);
    }

    /** Whether the set holds no scope. */
    public boolean isEmpty() {
        for (long word : bits) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the set holds {@code *}. */
    public boolean isFullAccess() {
        return (bits[0] & 1L) != 0;
    }

    /** Every scope in the set, implied ones included, sorted. */
    public Set<String> all() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < catalog.size(); i++) {
            if (has(i)) {
                out.add(catalog.nameAt(i));
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The scopes that no other scope of the set implies, sorted: the set's shortest description. */
    public Set<String> minimal() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < catalog.size(); i++) {
            if (has(i) && !impliedByAnotherMember(i)) {
                out.add(catalog.nameAt(i));
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The minimal form, space separated; the empty string for the empty set. */
    public String format() {
        String f = formatted;
        if (f == null) {
            f = String.join(" ", minimal());
            formatted = f;
        }
        return f;
    }

    private boolean impliedByAnotherMember(int i) {
        for (int j = 0; j < catalog.size(); j++) {
            if (j != i && has(j)) {
                long[] c = catalog.closureOf(j);
                if ((c[i >>> 6] & (1L << i)) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean has(int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private void requireSameCatalog(ScopeSet other) {
        if (other.catalog != catalog) {
            throw new IllegalArgumentException("scope sets belong to different catalogs");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopeSet s && s.catalog == catalog && Arrays.equals(s.bits, bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return format();
    }
}
