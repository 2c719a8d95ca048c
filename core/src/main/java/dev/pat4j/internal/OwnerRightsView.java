package dev.pat4j.internal;

import dev.pat4j.lifecycle.OwnerRightsException;
import dev.pat4j.owner.OwnerDirectory;
import dev.pat4j.owner.OwnerRights;
import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link OwnerDirectory} read against the scope catalog: what an owner holds as
 * a {@link ScopeSet}, and the refusals of management calls that would exceed it. Stateless but for
 * the directory, hence thread-safe as the directory is.
 */
public final class OwnerRightsView {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerRightsView.class);

    private final OwnerDirectory directory;
    private final ScopeCatalog catalog;

    public OwnerRightsView(OwnerDirectory directory, ScopeCatalog catalog) {
        this.directory = directory;
        this.catalog = catalog;
    }

    /** Whether owners' rights are the default, so nothing need be asked or narrowed. */
    boolean everything() {
        return directory == OwnerDirectory.everything();
    }

    /** The directory's answer for {@code owner}; never null. */
    OwnerRights rightsOf(String owner) {
        OwnerRights rights = directory.rightsOf(owner);
        if (rights == null) {
            throw new IllegalStateException("the owner directory answered null for " + owner);
        }
        return rights;
    }

    /** The scopes {@code rights} hold, implications included; names the catalog does not declare grant nothing. */
    ScopeSet held(OwnerRights rights, String owner) {
        Set<String> names = rights.scopes();
        if (names == null) {
            return catalog.fullAccess();
        }
        List<String> declared = new ArrayList<>(names.size());
        for (String name : names) {
            if (catalog.isDeclared(name)) {
                declared.add(name);
            } else {
                LOG.warn("the owner directory gives {} scope '{}', which the catalog does not declare; it grants nothing",
                        owner, name);
            }
        }
        return catalog.of(declared);
    }

    /**
     * Refuses, with the first thing beyond them, a token of {@code owner} with {@code scopes} in
     * {@code organization} (null: all) that {@code rights} do not cover: an inactive owner, then
     * scopes not held, then an organization not allowed.
     */
    void require(OwnerRights rights, String owner, ScopeSet scopes, String organization) {
        if (!rights.active()) {
            throw new OwnerRightsException(OwnerRightsException.Refusal.OWNER_INACTIVE, owner, Set.of(), null);
        }
        ScopeSet held = held(rights, owner);
        if (!held.implies(scopes)) {
            Set<String> missing = new LinkedHashSet<>();
            for (String name : scopes.minimal()) {
                if (!held.contains(name)) {
                    missing.add(name);
                }
            }
            throw new OwnerRightsException(OwnerRightsException.Refusal.SCOPE_NOT_HELD, owner, missing, null);
        }
        if (!rights.mayBindTo(organization)) {
            throw new OwnerRightsException(OwnerRightsException.Refusal.ORGANIZATION_NOT_ALLOWED, owner, Set.of(),
                    organization);
        }
    }

    /** {@link #require} for {@code owner}'s rights as the directory gives them now. */
    void require(String owner, ScopeSet scopes, String organization) {
        require(rightsOf(Objects.requireNonNull(owner, "owner")), owner, scopes, organization);
    }
}
