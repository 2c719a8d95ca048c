package dev.pat4j.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the request's token to hold every listed scope (directly or through implication)
 * before a resource method runs; otherwise 403 with an RFC 6750 {@code insufficient_scope}
 * challenge naming the scopes. On a class it applies to every resource method of the class;
 * when both the class and the method carry it, <em>both</em> apply (the union is required).
 * It always requires authentication, even next to {@code @PermitAll}. A scope name that the
 * catalog does not declare can never be held, so such a method refuses everyone (and the
 * mistake is logged). Declarations on superclasses and interfaces (of the class or of the
 * method) are added too: more annotations only ever require more. An annotation: immutable.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    /** Scope names such as {@code code:write}; all are required. */
    String[] value();
}
