package dev.pat4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pat4j.testkit.http.RawHttp;
import jakarta.servlet.ServletContainerInitializer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter contract on Tomcat 11 (embedded). */
class TomcatFilterTest extends FilterContract {
    @Override
    protected TestServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
        return TomcatServer.start(contextPath, setup);
    }

    /**
     * Tomcat refuses TRACE unless its connector sets {@code allowTrace="true"}: the servlet
     * behind the filter, whose default TRACE would echo the request, never sees it.
     */
    @Test
    void traceIsRefusedByDefaultWithoutEchoingTheToken() {
        RawHttp.Reply reply = http.send("TRACE", "/api/repos", List.of("Bearer " + world.reader.token()));
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.body()).doesNotContain(world.reader.token());
    }
}
