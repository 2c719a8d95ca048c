package dev.pat4j.jaxrs.internal;

import dev.pat4j.jaxrs.RequiresScope;
import dev.pat4j.scope.ScopeCatalog;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, once per resource method, what its annotations demand: whether it may be called
 * anonymously and which scopes it requires. It works from the matched {@link ResourceInfo}
 * rather than a {@code DynamicFeature}, because containers do not offer methods of
 * sub-resources to dynamic features: those would silently escape the rules. Anything it cannot
 * identify requires authentication. {@code @PermitAll}, {@code @RolesAllowed} and
 * {@code @DenyAll} are read as the containers read them: on the method, else on the resource class.
 */
public final class ResourceRules {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceRules.class);

    /**
     * What one resource method demands: whether it may be called without a token, whether it
     * requires {@code scopes} (an undeclared one is never held, so nobody passes), and whether
     * nothing can be known about it, so it refuses everyone.
     */
    record Rule(boolean anonymous, boolean scoped, boolean refuseAll, List<String> scopes) {
        Rule {
            scopes = List.copyOf(scopes);
        }
    }

    private record Key(Class<?> resourceClass, Method method) {
    }

    private final ScopeCatalog catalog;
    private final boolean requireAuthentication;
    private final Rule unidentified;
    private final Rule uninjected;
    private final AtomicBoolean injectionMissing = new AtomicBoolean();
    private final Map<Key, Rule> rules = new ConcurrentHashMap<>();

    public ResourceRules(ScopeCatalog catalog, boolean requireAuthentication) {
        this.catalog = catalog;
        this.requireAuthentication = requireAuthentication;
        this.unidentified = new Rule(false, false, false, List.of());
        this.uninjected = new Rule(false, false, true, List.of());
    }

    Rule ruleFor(ResourceInfo info) {
        if (info == null) {
            // The container did not inject ResourceInfo into the filter, so no annotation can be
            // read: refuse everything rather than skip @RequiresScope.
            if (injectionMissing.compareAndSet(false, true)) {
                LOG.error("the Jakarta REST runtime did not inject ResourceInfo into pat4j's filters; "
                        + "every request will be refused");
            }
            return uninjected;
        }
        Method method = info.getResourceMethod();
        if (method == null) {
            return unidentified;
        }
        Class<?> resourceClass = info.getResourceClass() != null ? info.getResourceClass() : method.getDeclaringClass();
        return rules.computeIfAbsent(new Key(resourceClass, method), k -> read(k.resourceClass(), k.method()));
    }

    private Rule read(Class<?> resourceClass, Method method) {
        Set<String> names = new LinkedHashSet<>();
        if (!collectScopes(resourceClass, method, names, new HashSet<>())) {
            return new Rule(anonymous(resourceClass, method), false, false, List.of());
        }
        checkDeclared(names, method);
        return new Rule(false, true, false, new ArrayList<>(names));
    }

    /**
     * Gathers {@code @RequiresScope} from the class, the method, and every supertype's
     * declaration of either: resource methods may be declared on an interface, and a scope
     * written there must not be lost. More annotations only ever require more.
     *
     * @return whether any {@code @RequiresScope} was found
     */
    private static boolean collectScopes(Class<?> type, Method method, Set<String> names, Set<Class<?>> seen) {
        if (type == null || type == Object.class || !seen.add(type)) {
            return false;
        }
        boolean found = addScopes(type.getDeclaredAnnotation(RequiresScope.class), names);
        try {
            Method declared = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            found |= addScopes(declared.getDeclaredAnnotation(RequiresScope.class), names);
        } catch (NoSuchMethodException notDeclaredHere) {
            // the method is inherited; its declaration is further up
        }
        found |= collectScopes(type.getSuperclass(), method, names, seen);
        for (Class<?> implemented : type.getInterfaces()) {
            found |= collectScopes(implemented, method, names, seen);
        }
        return found;
    }

    /** An undeclared name is never held, so the method refuses everyone: say so once, loudly. */
    private void checkDeclared(Set<String> names, Method method) {
        try {
            catalog.of(names);
        } catch (IllegalArgumentException e) { // an UnknownScopeException, or a blank name
            LOG.error("@RequiresScope on {}.{} names a scope the catalog does not declare ({}); "
                    + "the method will refuse every request", method.getDeclaringClass().getName(), method.getName(),
                    e.getMessage());
        }
    }

    private static boolean addScopes(RequiresScope scopes, Set<String> names) {
        if (scopes == null) {
            return false;
        }
        for (String name : scopes.value()) {
            names.add(name == null ? "" : name.strip());
        }
        return true;
    }

    /** Jakarta security semantics: the method's own annotation wins over its class's. */
    private boolean anonymous(Class<?> resourceClass, Method method) {
        Boolean onMethod = permitAll(method);
        if (onMethod != null) {
            return onMethod;
        }
        Boolean onClass = permitAll(resourceClass);
        return onClass != null ? onClass : !requireAuthentication;
    }

    private static Boolean permitAll(AnnotatedElement element) {
        if (element.isAnnotationPresent(PermitAll.class)) {
            return Boolean.TRUE;
        }
        if (element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(DenyAll.class)) {
            return Boolean.FALSE;
        }
        return null;
    }
}
