package dev.pat4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** {@link SecuredApiContract} on Jetty (its ee11 flavour, as Boot 4 runs it). */
@Import(JettySecuredApiTest.OnJetty.class)
class JettySecuredApiTest extends SecuredApiContract {
    @Autowired
    WebServerApplicationContext context;

    @Test
    void runsOnJetty() {
        assertThat(context.getWebServer()).isInstanceOf(JettyWebServer.class);
    }

    /** Imported, not scanned: the other container's test must not see it. */
    static class OnJetty {
        @Bean
        JettyServletWebServerFactory jetty() {
            return new JettyServletWebServerFactory();
        }
    }
}
