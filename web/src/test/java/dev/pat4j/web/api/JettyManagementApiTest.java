package dev.pat4j.web.api;

import dev.pat4j.Pat4j;

/** The management API's contract on Jetty 12 (ee10) with its Basic login and sessions. */
class JettyManagementApiTest extends ManagementApiContract {
    @Override
    ApiServer start(Pat4j pat4j) throws Exception {
        return JettyApiServer.start(pat4j);
    }
}
