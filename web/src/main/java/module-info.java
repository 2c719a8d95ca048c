/**
 * pat4j's own HTTP endpoints as servlets, built from {@link dev.pat4j.web.Pat4jWeb}: forward
 * authentication for reverse proxies ({@link dev.pat4j.web.ForwardAuthServlet}) and the management
 * REST API ({@link dev.pat4j.web.ManagementApiServlet}) and its self-service page
 * ({@link dev.pat4j.web.TokenPageServlet}).
 */
module dev.pat4j.web {
    requires transitive dev.pat4j.core;
    requires transitive jakarta.servlet;
    requires org.slf4j;
    requires tools.jackson.databind;

    exports dev.pat4j.web;
    // the API's JSON records are read and written by Jackson, reflectively
    opens dev.pat4j.web.internal.api to tools.jackson.databind;
}
