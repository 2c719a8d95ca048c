package dev.pat4j.testkit;

import dev.pat4j.owner.OwnerDirectory;
import dev.pat4j.owner.OwnerRights;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OwnerDirectory} a test changes as it goes, standing for the application's user
 * database: every owner holds everything until {@link #set} says otherwise, and every question
 * is counted, so a test can prove when pat4j asks (loads, management calls) and when it does not
 * (cache hits). One instance may serve several {@link dev.pat4j.Pat4j} nodes, as one user
 * database serves every node of an application. Thread-safe.
 */
public final class MutableOwnerDirectory implements OwnerDirectory {
    private final Map<String, OwnerRights> rights = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    /** Gives {@code owner} these rights from now on. */
    public MutableOwnerDirectory set(String owner, OwnerRights ownerRights) {
        rights.put(Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(ownerRights, "rights"));
        return this;
    }

    @Override
    public OwnerRights rightsOf(String owner) {
        asked.computeIfAbsent(owner, k -> new AtomicInteger()).incrementAndGet();
        return rights.getOrDefault(owner, OwnerRights.everything());
    }

    /** How many times pat4j asked for {@code owner}'s rights. */
    public int asked(String owner) {
        AtomicInteger n = asked.get(owner);
        return n == null ? 0 : n.get();
    }
}
