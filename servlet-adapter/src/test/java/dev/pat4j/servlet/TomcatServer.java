package dev.pat4j.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** Tomcat 11 embedded on 127.0.0.1 and an ephemeral port. */
final class TomcatServer implements TestServer {
    /** Held so the level sticks: JUL keeps loggers weakly. */
    private static final Logger CATALINA = Logger.getLogger("org.apache");

    private final Tomcat tomcat;
    private final Connector connector;
    private final Path baseDir;

    private TomcatServer(Tomcat tomcat, Connector connector, Path baseDir) {
        this.tomcat = tomcat;
        this.connector = connector;
        this.baseDir = baseDir;
    }

    /** A bare context (no web.xml) set up by {@code setup}, as a web application's initializer would. */
    static TomcatServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
        return start(contextPath, null, setup);
    }

    /**
     * A web application whose {@code WEB-INF/web.xml} holds {@code webXml}, parsed by Tomcat
     * itself; {@code setup} runs first, as a library's initializer would.
     */
    static TomcatServer startWebXml(String contextPath, String webXml, ServletContainerInitializer setup)
            throws Exception {
        return start(contextPath, webXml, setup);
    }

    private static TomcatServer start(String contextPath, String webXml, ServletContainerInitializer setup)
            throws Exception {
        CATALINA.setLevel(Level.WARNING);
        Path baseDir = Files.createTempDirectory("pat4j-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        if (!connector.setProperty("address", "127.0.0.1")
                || !connector.setProperty("maxHttpRequestHeaderSize", Integer.toString(REQUEST_HEADER_SIZE))) {
            throw new IllegalStateException("Tomcat refused a connector property");
        }
        tomcat.setConnector(connector);
        Path docBase = Files.createDirectories(baseDir.resolve("webapp"));
        Context context;
        if (webXml == null) {
            context = tomcat.addContext(contextPath, docBase.toString());
        } else {
            Files.writeString(Files.createDirectories(docBase.resolve("WEB-INF")).resolve("web.xml"), webXml);
            tomcat.setAddDefaultWebXmlToWebapp(false);
            context = tomcat.addWebapp(contextPath, docBase.toString());
            // Only this web.xml: no scanning of the test class path for fragments or initializers.
            ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        }
        context.addServletContainerInitializer(setup, null);
        TomcatServer server = new TomcatServer(tomcat, connector, baseDir);
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
