/** pat4j's Jakarta Servlet filter, {@link dev.pat4j.servlet.Pat4jFilter}. */
module dev.pat4j.servlet {
    requires transitive dev.pat4j.core;
    requires transitive jakarta.servlet;
    requires org.slf4j;

    exports dev.pat4j.servlet;
}
