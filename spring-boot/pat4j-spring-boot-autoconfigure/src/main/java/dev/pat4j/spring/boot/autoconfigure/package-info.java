/**
 * Spring Boot auto-configuration for pat4j: {@link dev.pat4j.spring.boot.autoconfigure.Pat4jProperties}
 * ({@code pat4j.*}) mapped onto {@link dev.pat4j.settings.Pat4jSettings}, the {@link dev.pat4j.Pat4j}
 * bean on the application's {@code DataSource} (or in memory), pat4j's schema through Flyway,
 * Liquibase or its own migrations, its scheduled maintenance, an Actuator health indicator and
 * Micrometer meters. One auto-configuration class per feature, each backing off when the
 * application defines the bean itself.
 *
 * <p>Every type here is null-marked: a parameter or result is never null unless it is
 * annotated {@code @Nullable}.
 */
@NullMarked
package dev.pat4j.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
