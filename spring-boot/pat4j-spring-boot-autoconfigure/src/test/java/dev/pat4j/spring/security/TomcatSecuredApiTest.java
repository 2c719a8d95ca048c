package dev.pat4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** {@link SecuredApiContract} on Tomcat. */
@Import(TomcatSecuredApiTest.OnTomcat.class)
class TomcatSecuredApiTest extends SecuredApiContract {
    @Autowired
    WebServerApplicationContext context;

    @Test
    void runsOnTomcat() {
        assertThat(context.getWebServer()).isInstanceOf(TomcatWebServer.class);
    }

    /** Imported, not scanned: the other container's test must not see it. */
    static class OnTomcat {
        @Bean
        TomcatServletWebServerFactory tomcat() {
            return new TomcatServletWebServerFactory();
        }
    }
}
