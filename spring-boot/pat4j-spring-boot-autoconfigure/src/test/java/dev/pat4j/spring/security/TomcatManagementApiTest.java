package dev.pat4j.spring.security;

import org.springframework.context.annotation.Import;

/** {@link ManagementApiContract} on Tomcat, in the context {@link TomcatSecuredApiTest} starts. */
@Import(TomcatSecuredApiTest.OnTomcat.class)
class TomcatManagementApiTest extends ManagementApiContract {
}
