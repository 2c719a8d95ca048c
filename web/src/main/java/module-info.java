/**
 * pat4j's own HTTP endpoints as servlets, built from {@link dev.pat4j.web.Pat4jWeb}: forward
 * authentication for reverse proxies ({@link dev.pat4j.web.ForwardAuthServlet}).
 */
module dev.pat4j.web {
    requires transitive dev.pat4j.core;
    requires transitive jakarta.servlet;
    requires org.slf4j;

    exports dev.pat4j.web;
}
