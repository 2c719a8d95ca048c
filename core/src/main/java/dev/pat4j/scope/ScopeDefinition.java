package dev.pat4j.scope;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One scope as an application declares it: its name, what a person reads for it (a label and
 * an optional group, as token pages list scopes under headings such as "Code" or "Build"),
 * whether it is high-privilege (Azure DevOps marks such scopes so that a page can warn before
 * granting them), and the scopes it directly implies. The catalog derives the transitive
 * closure from the direct implications. Immutable.
 *
 * @param name the scope name, in {@link ScopeCatalog}'s grammar (or {@code *} for full access)
 * @param label a short text for people, such as {@code Read repositories}; never blank
 * @param group the heading the scope is listed under, or null for none
 * @param highPrivilege whether granting the scope deserves a warning
 * @param implies the scopes this one directly implies (sorted)
 */
public record ScopeDefinition(String name, String label, @Nullable String group, boolean highPrivilege,
                              Set<String> implies) {
    /** The longest label or group accepted. */
    public static final int MAX_TEXT = 200;

    public ScopeDefinition {
        if (!ScopeCatalog.FULL_ACCESS.equals(name)) {
            ScopeCatalog.requireName(name);
        }
        label = text("label", label);
        group = group == null ? null : text("group", group);
        Objects.requireNonNull(implies, "implies");
        TreeSet<String> sorted = new TreeSet<>();
        for (String target : implies) {
            ScopeCatalog.requireName(target);
            sorted.add(target);
        }
        implies = java.util.Collections.unmodifiableSet(sorted);
    }

    /** A scope labelled by its own name, in no group, not high-privilege, implying nothing. */
    public static ScopeDefinition of(String name) {
        return new ScopeDefinition(name, name, null, false, Set.of());
    }

    /** This definition with another label. */
    public ScopeDefinition withLabel(String newLabel) {
        return new ScopeDefinition(name, newLabel, group, highPrivilege, implies);
    }

    /** This definition in another group (null: none). */
    public ScopeDefinition withGroup(@Nullable String newGroup) {
        return new ScopeDefinition(name, label, newGroup, highPrivilege, implies);
    }

    /** This definition marked high-privilege, or not. */
    public ScopeDefinition withHighPrivilege(boolean high) {
        return new ScopeDefinition(name, label, group, high, implies);
    }

    /** This definition implying exactly {@code scopes} directly. */
    public ScopeDefinition withImplies(Collection<String> scopes) {
        return new ScopeDefinition(name, label, group, highPrivilege, Set.copyOf(scopes));
    }

    private static String text(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a scope's " + what + " must not be blank");
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_TEXT) {
            throw new IllegalArgumentException("a scope's " + what + " must be at most " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < stripped.length(); i++) {
            if (Character.isISOControl(stripped.charAt(i))) {
                throw new IllegalArgumentException("a scope's " + what + " must not contain control characters");
            }
        }
        return stripped;
    }
}
