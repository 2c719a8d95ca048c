package dev.pat4j.spring.security;

import org.springframework.context.annotation.Import;

/** {@link ManagementApiContract} on Jetty, in the context {@link JettySecuredApiTest} starts. */
@Import(JettySecuredApiTest.OnJetty.class)
class JettyManagementApiTest extends ManagementApiContract {
}
