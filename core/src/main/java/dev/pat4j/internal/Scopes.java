package dev.pat4j.internal;

import dev.pat4j.scope.ScopeCatalog;
import dev.pat4j.scope.ScopeSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads stored scope text back into a {@link ScopeSet}. */
final class Scopes {
    private static final Logger LOG = LoggerFactory.getLogger(Scopes.class);

    private Scopes() {
    }

    /**
     * Parses stored scopes, dropping names the catalog no longer declares: a token may lose a
     * scope the application removed, never gain one, and never become unreadable.
     */
    static ScopeSet fromStore(ScopeCatalog catalog, String tokenId, String text) {
        List<String> known = new ArrayList<>();
        for (String name : text.strip().split("[\\s,]+")) {
            if (name.isEmpty()) {
                continue;
            }
            if (catalog.isDeclared(name)) {
                known.add(name);
            } else {
                LOG.warn("token {} carries scope '{}' which the catalog no longer declares; ignoring it", tokenId, name);
            }
        }
        return catalog.of(known);
    }
}
