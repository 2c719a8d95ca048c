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

    static TomcatServer start(String contextPath, ServletContainerInitializer setup) throws Exception {
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
        Context context = tomcat.addContext(contextPath, docBase.toString());
        context.addServletContainerInitializer(setup, null);
        tomcat.start();
        return new TomcatServer(tomcat, connector, baseDir);
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
