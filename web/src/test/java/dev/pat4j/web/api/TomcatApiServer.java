package dev.pat4j.web.api;

import dev.pat4j.Pat4j;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/** Tomcat 11 embedded on 127.0.0.1 and an ephemeral port, with Basic login on its default realm. */
final class TomcatApiServer implements ApiServer {
    /** Held so the level sticks: JUL keeps loggers weakly. */
    private static final Logger CATALINA = Logger.getLogger("org.apache");

    private final Tomcat tomcat;
    private final Connector connector;
    private final Path baseDir;

    private TomcatApiServer(Tomcat tomcat, Connector connector, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
    }

    static TomcatApiServer start(Pat4j pat4j) throws Exception {
        CATALINA.setLevel(Level.WARNING);
        Path baseDir = Files.createTempDirectory("pat4j-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        if (!connector.setProperty("address", "127.0.0.1")) {
            throw new IllegalStateException("Tomcat refused a connector property");
        }
        tomcat.setConnector(connector);
        for (String[] user : USERS) {
            tomcat.addUser(user[0], user[1]);
            tomcat.addRole(user[0], USER_ROLE);
            if (ApiServer.administrator(user[0])) {
                tomcat.addRole(user[0], ADMIN_ROLE);
            }
        }
        Context context = tomcat.addContext("", Files.createDirectories(baseDir.resolve("webapp")).toString());
        LoginConfig login = new LoginConfig();
        login.setRealmName("pat4j");
        login.setAuthMethod("BASIC");
        context.setLoginConfig(login);
        context.getPipeline().addValve(new BasicAuthenticator());
        context.addSecurityRole(USER_ROLE);
        context.addSecurityRole(ADMIN_ROLE);
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole(USER_ROLE);
        SecurityCollection paths = new SecurityCollection();
        paths.addPattern(MANAGE + "/*");
        paths.addPattern(CONTAINER + "/*");
        paths.addPattern(UNGUARDED + "/*");
        constraint.addCollection(paths);
        context.addConstraint(constraint);

        Mounts mounts = Mounts.of(pat4j);
        Tomcat.addServlet(context, "manage", mounts.manage());
        context.addServletMappingDecoded(MANAGE + "/*", "manage");
        Tomcat.addServlet(context, "pat", mounts.pat());
        context.addServletMappingDecoded(PAT + "/*", "pat");
        Tomcat.addServlet(context, "open", mounts.open());
        context.addServletMappingDecoded(OPEN + "/*", "open");
        FilterDef filter = new FilterDef();
        filter.setFilterName("pat4j");
        filter.setFilter(mounts.patFilter());
        context.addFilterDef(filter);
        FilterMap map = new FilterMap();
        map.setFilterName("pat4j");
        map.addURLPattern(PAT + "/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "container", mounts.container());
        context.addServletMappingDecoded(CONTAINER + "/*", "container");
        Tomcat.addServlet(context, "unguarded", mounts.unguarded());
        context.addServletMappingDecoded(UNGUARDED + "/*", "unguarded");
        FilterDef csrf = new FilterDef();
        csrf.setFilterName("container-csrf");
        csrf.setFilter(mounts.containerCsrf());
        context.addFilterDef(csrf);
        FilterMap csrfMap = new FilterMap();
        csrfMap.setFilterName("container-csrf");
        csrfMap.addURLPattern(CONTAINER + "/*");
        context.addFilterMap(csrfMap);

        TomcatApiServer server = new TomcatApiServer(tomcat, connector, baseDir);
        try {
            tomcat.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
