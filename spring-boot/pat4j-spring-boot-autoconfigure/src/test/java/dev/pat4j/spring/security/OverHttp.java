package dev.pat4j.spring.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The {@link TestApplication} on a random port with the properties every HTTP contract shares, so
 * that the contracts of one container run in one cached context: the scopes (Azure DevOps' and
 * {@code pat4j:admin}, named like the management API's administrator authority), the organization
 * header, the management API mounted, the outbox delivered every 200 ms, health and metrics shown.
 * The contracts send hundreds of refused credentials from loopback, which the starter's throttle
 * (on by default) would block after ten: loopback is exempt here, and {@code ThrottleOverHttpTest}
 * proves the throttle on a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pat4j.scopes.preset=azure-devops",
            "pat4j.scope.[pat4j\\:admin].label=Named like the administrator authority", // ":" escaped: a properties line
            "pat4j.organizations.source=header:X-Org",
            "pat4j.policy.max-active-per-owner=1000",
            "pat4j.notices.delivery-interval=200ms",
            "pat4j.web.enabled=true",
            "pat4j.web.admin-authority=SCOPE_pat4j:admin",
            "server.max-http-request-header-size=16KB",
            "management.endpoints.web.exposure.include=health,metrics",
            "management.endpoint.health.show-details=always",
            "logging.level.dev.pat4j=DEBUG",
            "pat4j.throttle.exempt=127.0.0.0/8, ::1",
            "spring.flyway.enabled=false",
            "spring.liquibase.enabled=false"
        })
@interface OverHttp {
}
