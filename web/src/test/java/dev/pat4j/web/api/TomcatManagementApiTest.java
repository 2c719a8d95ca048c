package dev.pat4j.web.api;

import dev.pat4j.Pat4j;

/** The management API's contract on Tomcat 11 (embedded) with its Basic login and sessions. */
class TomcatManagementApiTest extends ManagementApiContract {
    @Override
    ApiServer start(Pat4j pat4j) throws Exception {
        return TomcatApiServer.start(pat4j);
    }
}
